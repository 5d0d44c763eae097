#!/usr/bin/env bash
# Every fixture grant for one quarter (5 PDFs) and over the four quarters of FY2025-26 (20 PDFs),
# each in one run with one browser, against a single report. Target: <= 0.2 s per report beyond
# the first, with five reports as well as with twenty.
# The floor beside it: bench/minimal-puppeteer-batch.mjs printing the same reports' HTML (the
# tool's `--format html` output) one after another in one browser, and the same HTML with its
# embedded fonts taken out (closer to what the tool itself prints: it names its fonts by local()).
# Last, bench/print-floor.mjs on that HTML: the browser's own time and CPU per report, printing a
# report at a time or every report in one print.
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
quarters="FY2025-26-Q1 FY2025-26-Q2 FY2025-26-Q3 FY2025-26-Q4"
node dist/cli.js --grant programme --period FY2025-26-Q1 --format html --out "$work/html1" --quiet
node dist/cli.js --all --period FY2025-26-Q1 --format html --out "$work/html5" --quiet
node dist/cli.js --all --period $quarters --format html --out "$work/html20" --quiet
for n in 1 5 20; do
  mkdir -p "$work/light$n"
  for f in "$work/html$n"/*.html; do
    without_fonts "$f" "$work/light$n/$(basename "$f")"
  done
done
mkdir -p "$work/floor"
floor="node bench/minimal-puppeteer-batch.mjs"
# The commands run in turn, round after round (bench/alternate.mjs), so that a change in the
# machine's load falls on all of them alike: with hyperfine all of one command's runs came before
# the next's, and a slow minute could fall on the single report and not on the batches.
node bench/alternate.mjs "$RUNS" 1 \
  "single=node dist/cli.js --grant programme --period FY2025-26-Q1 --out $work/single --quiet" \
  "batch-5=node dist/cli.js --all --period FY2025-26-Q1 --out $work/batch5 --quiet" \
  "batch-20=node dist/cli.js --all --period $quarters --out $work/batch20 --quiet" \
  "floor-1=$floor $work/html1 $work/floor" \
  "floor-5=$floor $work/html5 $work/floor" \
  "floor-20=$floor $work/html20 $work/floor" \
  "light-1=$floor $work/light1 $work/floor" \
  "light-5=$floor $work/light5 $work/floor" \
  "light-20=$floor $work/light20 $work/floor" \
  >"$work/batch.json" 2> >(tee -a bench/results/batch.md >&2)
test "$(ls "$work/batch5" | wc -l)" -eq 5
test "$(ls "$work/batch20" | wc -l)" -eq 20
test "$(ls "$work/floor" | wc -l)" -eq 20
node -e '
const m = require(process.argv[1]);
const { roundByRound } = require(process.argv[2]);
const per = (single, batch, n) => ((m[batch] - m[single]) / (n - 1)).toFixed(3);
// The same figure from each round (a batch and the single report of the same round), and its median.
const perRound = (single, batch, n) => roundByRound(m, batch, single, (b, s) => (b - s) / (n - 1)).toFixed(3);
const line = (name, [one, five, twenty]) =>
  `${name}: single ${m[one].toFixed(3)} s, batch of 5 ${m[five].toFixed(3)} s (${per(one, five, 5)} s per report beyond the first; ${perRound(one, five, 5)} s round by round), batch of 20 ${m[twenty].toFixed(3)} s (${per(one, twenty, 20)} s; ${perRound(one, twenty, 20)} s round by round)`;
console.log(`medians, ${line("impact-report", ["single", "batch-5", "batch-20"])}; target <= 0.2`);
console.log(`floor, ${line("minimal puppeteer on the --format html output", ["floor-1", "floor-5", "floor-20"])}`);
console.log(`floor, ${line("minimal puppeteer on the same HTML without its embedded fonts", ["light-1", "light-5", "light-20"])}`);
' "$work/batch.json" "$PWD/bench/rounds.cjs" | tee -a bench/results/batch.md
# What the browser alone takes per report however the printing is arranged, on the same HTML without
# its embedded fonts: a print per report, or every report in one print (bench/print-floor.mjs).
for n in 5 20; do
  node bench/print-floor.mjs "$work/light$n" 3 2>&1 >/dev/null | sed 's/^/floor, /' | tee -a bench/results/batch.md
done
echo "machine: $(machine)" | tee -a bench/results/batch.md
