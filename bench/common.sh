# Shared by the benchmark scripts: the browsers from apt when missing, a built CLI, a results folder.
set -euo pipefail
cd "$(dirname "$0")/.."
# Both browsers the benchmarks compare: Chromium's headless shell (what the tool uses where it is
# installed) and a whole Chromium (for reference). Every script runs its commands in turn with
# bench/alternate.mjs (hyperfine, used until the ninth session, is no longer needed).
for tool in chromium-headless-shell chromium; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$tool" >/dev/null
  fi
done
npm run --silent build
mkdir -p bench/results
RUNS="${RUNS:-10}"
machine() { echo "$(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), node $(node --version), $(/usr/bin/chromium --version 2>/dev/null || echo 'no chromium') (and its headless shell: $(/usr/bin/chromium-headless-shell --version 2>/dev/null || echo 'none'))"; }
# The tool's `--format html` file $1 written to $2 with its embedded fonts taken out: closer to what
# the tool itself prints, as it names its fonts by local() (the floors of bench:cold and bench:batch).
without_fonts() { sed -E 's/url\(data:font\/[a-z0-9]+;base64,[^)]*\)/local(none)/g' "$1" >"$2"; }
