#!/usr/bin/env bash
# Every fixture grant over the four quarters of FY2025-26 (5 grants x 4 = 20 PDFs, one run,
# one browser) against a single report. Target: <= 0.25 s per report beyond the first.
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
quarters="FY2025-26-Q1 FY2025-26-Q2 FY2025-26-Q3 FY2025-26-Q4"
hyperfine --warmup 1 -r "$RUNS" -N --export-markdown bench/results/batch.md --export-json "$work/batch.json" \
  -n single "node dist/cli.js --grant programme --period FY2025-26-Q1 --out $work/single --quiet" \
  -n batch-20 "node dist/cli.js --all --period $quarters --out $work/batch --quiet"
test "$(ls "$work/batch" | wc -l)" -eq 20
node -e '
const r = require(process.argv[1]).results;
const [single, batch] = r.map((x) => x.median);
console.log(`medians: single ${single.toFixed(3)} s, batch of 20 ${batch.toFixed(3)} s, per report beyond the first ${((batch - single) / 19).toFixed(3)} s (target <= 0.25)`);
' "$work/batch.json" | tee -a bench/results/batch.md
echo "machine: $(machine)" | tee -a bench/results/batch.md
