#!/usr/bin/env bash
# Sets up impact-report on a Debian/Ubuntu machine and makes the fixture report:
#   system packages (apt, only what is missing) -> npm ci -> build -> out/powerhouse-2024_2024.pdf
# Safe to run again: it skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

# Chromium prints the PDFs; the cairo/pango headers and build tools compile node-canvas
# (chartjs-node-canvas), which has no prebuilt binary here; poppler-utils lets the tests read PDFs back.
packages=(chromium build-essential pkg-config libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev poppler-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "setup: please install these packages with your system's package manager: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup: system packages already present"
fi

# A system browser is present now, so .puppeteerrc.cjs skips puppeteer's own download.
npm ci --no-audit --no-fund
npm run build
node dist/cli.js --grant powerhouse-2024
