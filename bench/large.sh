#!/usr/bin/env bash
# A synthetic export of 1,000,000 episodes (EPISODES to change) through `validate` and
# `--format json`, beside what pandas takes to compute the core figures from the same file
# (bench/pandas-core.py, with Debian's python3-pandas). Targets (issue 14): each <= 1.0x pandas'
# wall time and <= 400 MB peak memory.
source "$(dirname "$0")/common.sh"
if ! /usr/bin/python3 -c 'import pandas' 2>/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq python3-pandas >/dev/null
fi
episodes="${EPISODES:-1000000}"
work="${TMPDIR:-/tmp}/impact-large-$episodes"
[ -s "$work/outcomes.csv" ] || npx tsx bench/make-large-export.ts "$episodes" "$work" >/dev/null
cli="$PWD/dist/cli.js"
pandas="/usr/bin/python3 $PWD/bench/pandas-core.py $work/outcomes.csv"
cd "$work"
# The commands run in turn, round after round (bench/alternate.mjs), so that a change in the
# machine's load falls on all three alike: hyperfine would run all of one before the next.
node "$OLDPWD/bench/alternate.mjs" "${LARGE_RUNS:-5}" 1 \
  "validate=node $cli validate" \
  "json=node $cli --grant programme --format json --out $work/out --quiet" \
  "pandas=$pandas" \
  >"$work/large.json" 2> >(tee -a "$OLDPWD/bench/results/large.md" >&2)
node -e '
const m = require(process.argv[1]);
const { validate, json, pandas } = m;
const { roundByRound } = require(process.argv[2]);
const paired = (a) => roundByRound(m, a, "pandas", (x, y) => x / y).toFixed(2);
console.log(`medians: validate ${validate.toFixed(2)} s (${(validate / pandas).toFixed(2)}x pandas), json ${json.toFixed(2)} s (${(json / pandas).toFixed(2)}x pandas), pandas ${pandas.toFixed(2)} s (target <= 1.0x)`);
console.log(`round by round (the median of the ratios to pandas of each round): validate ${paired("validate")}x, json ${paired("json")}x`);
' "$work/large.json" "$OLDPWD/bench/rounds.cjs" | tee -a "$OLDPWD/bench/results/large.md"
peak() { { /usr/bin/time -v "$@" >/dev/null; } 2>&1 | awk -F: '/Maximum resident set size/{gsub(/ /,"",$2); print int($2 / 1024)}'; }
echo "peak memory: validate $(peak node "$cli" validate) MB, json $(peak node "$cli" --grant programme --format json --out "$work/out" --quiet) MB, pandas $(peak $pandas) MB (target <= 400)" |
  tee -a "$OLDPWD/bench/results/large.md"
echo "machine: $(machine)" | tee -a "$OLDPWD/bench/results/large.md"
