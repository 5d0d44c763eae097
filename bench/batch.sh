#!/usr/bin/env bash
# Every fixture grant for one quarter (5 PDFs) and over the four quarters of FY2025-26 (20 PDFs),
# each in one run with one browser, against a single report. Target: <= 0.2 s per report beyond
# the first, with five reports as well as with twenty.
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
quarters="FY2025-26-Q1 FY2025-26-Q2 FY2025-26-Q3 FY2025-26-Q4"
hyperfine --warmup 1 -r "$RUNS" -N --export-markdown bench/results/batch.md --export-json "$work/batch.json" \
  -n single "node dist/cli.js --grant programme --period FY2025-26-Q1 --out $work/single --quiet" \
  -n batch-5 "node dist/cli.js --all --period FY2025-26-Q1 --out $work/batch5 --quiet" \
  -n batch-20 "node dist/cli.js --all --period $quarters --out $work/batch20 --quiet"
test "$(ls "$work/batch5" | wc -l)" -eq 5
test "$(ls "$work/batch20" | wc -l)" -eq 20
node -e '
const r = require(process.argv[1]).results;
const [single, five, twenty] = r.map((x) => x.median);
const per = (batch, n) => ((batch - single) / (n - 1)).toFixed(3);
console.log(`medians: single ${single.toFixed(3)} s, batch of 5 ${five.toFixed(3)} s (${per(five, 5)} s per report beyond the first), batch of 20 ${twenty.toFixed(3)} s (${per(twenty, 20)} s per report beyond the first); target <= 0.2`);
' "$work/batch.json" | tee -a bench/results/batch.md
echo "machine: $(machine)" | tee -a bench/results/batch.md
