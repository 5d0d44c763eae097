#!/usr/bin/env bash
# Sets up impact-report from a clone on a Debian/Ubuntu machine:
#   a usable browser and the system packages (apt, only what is missing) -> npm ci (only when
#   package-lock.json changed) -> build -> in this repository, out/powerhouse-2024_2024.pdf
# Safe to run again: it skips what is already there. In a clone whose impact-report.yaml is a
# charity's own (no fixture grant), it checks that configuration instead of making the fixture.
set -euo pipefail
cd "$(dirname "$0")/.."

# A browser is usable when it runs, not when a package of that name is installed: Ubuntu's
# `chromium` package is a stub for the snap, and GitHub's runners have Google Chrome instead.
# Chromium's headless shell first: the tool prefers it too (src/pdf/browser.ts).
browsers=(/usr/lib/chromium/chromium-headless-shell /usr/bin/chromium-headless-shell /usr/bin/chromium /usr/bin/chromium-browser /usr/bin/google-chrome /usr/bin/google-chrome-stable /opt/google/chrome/chrome)
usable_browser() {
  local b
  for b in "$@"; do
    [ -n "$b" ] && [ -x "$b" ] || continue
    if timeout 60 "$b" --version 2>/dev/null | grep -qiE 'chrom'; then
      echo "$b"
      return 0
    fi
  done
  return 1
}
if [ -n "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then
  usable_browser "$PUPPETEER_EXECUTABLE_PATH" >/dev/null || {
    echo "setup: PUPPETEER_EXECUTABLE_PATH=$PUPPETEER_EXECUTABLE_PATH does not run as Chrome or Chromium (\`$PUPPETEER_EXECUTABLE_PATH --version\` failed)." >&2
    exit 1
  }
  browser="$PUPPETEER_EXECUTABLE_PATH"
else
  browser=$(usable_browser "${browsers[@]}" || true)
fi

# The cairo/pango headers and build tools compile node-canvas (chartjs-node-canvas) where it has
# no prebuilt binary; poppler-utils lets the tests read PDFs back.
packages=(build-essential pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev poppler-utils)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
updated=""
apt_update() {
  [ -n "$updated" ] || $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  updated=1
}
# Reads all of apt-cache's answer (grep -q could stop early, failing the pipe under pipefail).
has_candidate() { apt-cache policy "$1" 2>/dev/null | grep 'Candidate: [0-9]' >/dev/null; }
# A machine that has never run apt-get update knows no package yet.
no_lists() { ! compgen -G '/var/lib/apt/lists/*Packages*' >/dev/null; }
# Chromium's headless shell prints a report in about two thirds of a whole Chromium's time
# (docs/benchmarks.md): installed where apt has it (Debian), unless PUPPETEER_EXECUTABLE_PATH
# names the browser. Elsewhere, Debian's or Ubuntu's chromium, only when there is no browser.
shell=""
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ] && [[ "$browser" != *headless-shell ]] &&
  command -v apt-get >/dev/null 2>&1; then
  has_candidate chromium-headless-shell || { no_lists && apt_update; } || true
  if has_candidate chromium-headless-shell; then shell=chromium-headless-shell; fi
fi
if [ -z "$browser" ]; then
  # No browser runs: the shell (or chromium) is needed, and installed with the rest.
  if [ -n "$shell" ]; then packages=("$shell" "${packages[@]}"); else packages=(chromium "${packages[@]}"); fi
  shell=""
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install these packages with your system's package manager: ${missing[*]}" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  apt_update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup: system packages already present"
fi
# With another browser that runs, the shell only makes reports quicker: not getting it is a warning.
if [ -n "$shell" ]; then
  echo "setup: installing $shell (Chromium without a browser's windows: reports print in about two thirds of the time)"
  { apt_update && DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$shell" >/dev/null; } ||
    echo "setup: $shell could not be installed; PDFs will be printed with $browser instead" >&2
fi
if [ -z "${PUPPETEER_EXECUTABLE_PATH:-}" ]; then
  browser=$(usable_browser "${browsers[@]}" || true)
  if [ -z "$browser" ]; then
    echo "setup: no usable Chrome or Chromium was found after installing ${packages[0]} (on Ubuntu chromium is a snap)." >&2
    echo "setup: install Google Chrome, or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium that runs." >&2
    exit 1
  fi
fi
echo "setup: PDFs will be printed with $browser"

# A system browser is present now, so .puppeteerrc.cjs skips puppeteer's own download.
# npm ci starts from scratch every time: it runs only when package-lock.json has changed.
stamp=node_modules/.impact-report-setup
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock" ]; then
  echo "setup: node_modules already matches package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$lock" >"$stamp"
fi
npm run build

# This repository's own impact-report.yaml describes the fixtures: make the fixture report, as
# the README promises. A clone holding a charity's own configuration is checked instead.
if grep -qE '^  powerhouse-2024:' impact-report.yaml 2>/dev/null && [ -f fixtures/outcomes.csv ]; then
  node dist/cli.js --grant powerhouse-2024
elif [ -f impact-report.yaml ]; then
  if node dist/cli.js validate; then
    echo "setup: ready. Make a report with: node dist/cli.js --grant <id>   (node dist/cli.js list shows the grants)"
  else
    echo "setup: installed, but impact-report.yaml or its data has the problems above."
  fi
else
  echo "setup: ready. Start with: node dist/cli.js init my-reports"
fi
