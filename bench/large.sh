#!/usr/bin/env bash
# A synthetic export of 1,000,000 episodes (EPISODES to change) through `validate` and
# `--format json`. Targets: <= 8 s and <= 400 MB peak memory.
source "$(dirname "$0")/common.sh"
episodes="${EPISODES:-1000000}"
work="${TMPDIR:-/tmp}/impact-large-$episodes"
[ -s "$work/outcomes.csv" ] || npx tsx bench/make-large-export.ts "$episodes" "$work" >/dev/null
cli="$PWD/dist/cli.js"
cd "$work"
hyperfine --warmup 1 -r "${LARGE_RUNS:-5}" -N --export-markdown "$OLDPWD/bench/results/large.md" \
  -n validate "node $cli validate" \
  -n json "node $cli --grant programme --format json --out $work/out --quiet"
for cmd in "validate" "--grant programme --format json --out $work/out --quiet"; do
  peak=$( { /usr/bin/time -v node "$cli" $cmd >/dev/null; } 2>&1 | awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print $2}')
  echo "peak memory of \`$cmd\`: $((peak / 1024)) MB (target <= 400)" | tee -a "$OLDPWD/bench/results/large.md"
done
echo "machine: $(machine)" | tee -a "$OLDPWD/bench/results/large.md"
