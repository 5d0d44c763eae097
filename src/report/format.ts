/** Rounds half away from zero at `decimals` places, robust to binary fractions like 12.45. */
export function roundHalfUp(value: number, decimals = 0): number {
  const factor = 10 ** decimals;
  const scaled = Math.abs(value) * factor;
  const rounded = Math.floor(scaled + 0.5 + 1e-9 * Math.max(1, scaled));
  return (Math.sign(value) * rounded) / factor;
}

const MINUS = '\u2212';

/** "85%": percentages are rounded half-up to whole numbers in the PDF (statistics.md). */
export const percent = (value: number) => `${roundHalfUp(value)}%`;

/** "+12.5", "−3.0": point changes to one decimal place, always signed. */
export function points(value: number): string {
  const r = roundHalfUp(value, 1);
  if (r === 0) return '0.0';
  return `${r > 0 ? '+' : MINUS}${Math.abs(r).toFixed(1)}`;
}

/** "12.5" unsigned, one decimal. */
export const decimal1 = (value: number) => roundHalfUp(value, 1).toFixed(1).replace('-', MINUS);

export const count = (value: number) => value.toLocaleString('en-GB');

/** "1 parent", "2 parents". */
export const plural = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

export const interval = (range: [number, number], format: (v: number) => string) =>
  `${format(range[0])} to ${format(range[1])}`;
