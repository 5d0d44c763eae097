#!/usr/bin/env bash
# One cold report (a new process, browser launch included) against a minimal puppeteer script
# printing the same HTML (the tool's `--format html` output). Target: ratio <= 1.2.
# Beside it, for reference: the same script on that HTML with its embedded fonts taken out
# (closer to what the tool itself prints: it names its fonts by local(), so the page has no
# 2 MB of base64 to read). The commands run in turn, round after round (bench/alternate.mjs),
# so that a change in the machine's load falls on all of them alike. Both use the browser the tool
# finds (Chromium's headless shell where installed, bench/browser.mjs); the same pair with a whole
# Chromium is measured beside them, for reference (set-up installs that only where no shell is).
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
node dist/cli.js --grant powerhouse-2024 --format html --out "$work" --quiet
without_fonts "$work/powerhouse-2024_2024.html" "$work/light.html"
node bench/alternate.mjs "$RUNS" 2 \
  "impact-report=node dist/cli.js --grant powerhouse-2024 --out $work --quiet" \
  "minimal-puppeteer=node bench/minimal-puppeteer.mjs $work/powerhouse-2024_2024.html $work/minimal.pdf" \
  "minimal-puppeteer-light=node bench/minimal-puppeteer.mjs $work/light.html $work/light.pdf" \
  "impact-report-chromium=env PUPPETEER_EXECUTABLE_PATH=/usr/bin/chromium node dist/cli.js --grant powerhouse-2024 --out $work --quiet" \
  "minimal-puppeteer-chromium=env BROWSER=/usr/bin/chromium node bench/minimal-puppeteer.mjs $work/powerhouse-2024_2024.html $work/minimal.pdf" \
  >"$work/cold.json" 2> >(tee -a bench/results/cold.md >&2)
node -e '
const m = require(process.argv[1]);
const ours = m["impact-report"], base = m["minimal-puppeteer"], light = m["minimal-puppeteer-light"];
const { roundByRound } = require(process.argv[2]);
const paired = (a, b) => roundByRound(m, a, b, (x, y) => x / y);
console.log(`medians: impact-report ${ours.toFixed(3)} s, minimal puppeteer ${base.toFixed(3)} s, ratio ${(ours / base).toFixed(2)} (target <= 1.2); the same HTML without its embedded fonts ${light.toFixed(3)} s, ratio ${(ours / light).toFixed(2)}`);
console.log(`round by round (the median of the ratios of each round, its two runs seconds apart): ${paired("impact-report", "minimal-puppeteer").toFixed(2)} against the minimal print, ${paired("impact-report", "minimal-puppeteer-light").toFixed(2)} against it without fonts`);
const [oursFull, baseFull] = [m["impact-report-chromium"], m["minimal-puppeteer-chromium"]];
console.log(`with a whole Chromium (/usr/bin/chromium) instead: impact-report ${oursFull.toFixed(3)} s, minimal puppeteer ${baseFull.toFixed(3)} s, ratio ${(oursFull / baseFull).toFixed(2)}`);
' "$work/cold.json" "$PWD/bench/rounds.cjs" | tee -a bench/results/cold.md
echo "machine: $(machine)" | tee -a bench/results/cold.md
