#!/usr/bin/env bash
# One cold report (a new process, browser launch included) against a minimal puppeteer script
# printing the same HTML. Target: ratio <= 1.2.
source "$(dirname "$0")/common.sh"
work=$(mktemp -d)
node dist/cli.js --grant powerhouse-2024 --format html --out "$work" --quiet
hyperfine --warmup 2 -r "$RUNS" -N --export-markdown bench/results/cold.md --export-json "$work/cold.json" \
  -n impact-report "node dist/cli.js --grant powerhouse-2024 --out $work --quiet" \
  -n minimal-puppeteer "node bench/minimal-puppeteer.mjs $work/powerhouse-2024_2024.html $work/minimal.pdf"
node -e '
const r = require(process.argv[1]).results;
const [ours, base] = r.map((x) => x.median);
console.log(`medians: impact-report ${ours.toFixed(3)} s, minimal puppeteer ${base.toFixed(3)} s, ratio ${(ours / base).toFixed(2)} (target <= 1.2)`);
' "$work/cold.json" | tee -a bench/results/cold.md
echo "machine: $(machine)" | tee -a bench/results/cold.md
