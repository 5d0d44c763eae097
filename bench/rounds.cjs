// The medians the benchmark scripts report, from bench/alternate.mjs's JSON (`rounds`: each
// command's times in round order). CommonJS, so that the summaries (node -e in bench/*.sh) can
// require it.

/** The median of some numbers. */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * The median over rounds of `figure(a's time, b's time)` in the same round: two commands of one
 * round run seconds apart, so a slow minute of the machine falls on both alike.
 */
function roundByRound(result, a, b, figure) {
  return median(result.rounds[a].map((time, i) => figure(time, result.rounds[b][i])));
}

module.exports = { median, roundByRound };
