/**
 * A small seeded random number generator (mulberry32) for the synthetic fixtures: the same seed
 * gives the same numbers on every machine, so the fixtures are rebuilt byte for byte.
 */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
