/**
 * Colour contrast as WCAG 2.2 defines it, and what the report does with a brand colour that
 * falls short: a colour that carries text is darkened until it reaches 4.5:1; a colour that
 * only fills chart bars keeps its fill and gets an outline that reaches 3:1. Pure: the chart
 * configuration, the configuration check and the HTML all use this one module.
 */

/** WCAG 2.2 SC 1.4.3: normal text. */
export const MIN_TEXT = 4.5;
/** WCAG 2.2 SC 1.4.3: large text (18 pt, or 14 pt bold). */
export const MIN_LARGE_TEXT = 3;
/** WCAG 2.2 SC 1.4.11: graphics needed to understand the content (chart bars and lines). */
export const MIN_GRAPHIC = 3;

export const WHITE = '#FFFFFF';
/**
 * The backgrounds the shipped themes put text on: white and their light tints. A brand colour
 * used for text must reach 4.5:1 against each (test/report/contrast.test.ts reads every theme's
 * stylesheet and fails if a theme paints a darker background).
 */
export const TEXT_BACKGROUNDS = [WHITE, '#F0F4F8', '#EEF6F1', '#F5F7FA', '#FFF7E6', '#FFFBF0'] as const;

const channels = (hex: string): [number, number, number] => {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Unsafe colour ${hex}: expected # and six hex digits`);
  return [m[1], m[2], m[3]].map((h) => Number.parseInt(h as string, 16)) as [number, number, number];
};

const toHex = (rgb: readonly number[]) =>
  `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0').toUpperCase()).join('')}`;

/** WCAG 2.2 "relative luminance": linearised sRGB, weighted 0.2126 R + 0.7152 G + 0.0722 B. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2.2 "contrast ratio": (L1 + 0.05) / (L2 + 0.05), the lighter over the darker; 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** The lowest ratio of `colour` against any of `backgrounds`, and which background that is. */
export function worstContrast(
  colour: string,
  backgrounds: readonly string[],
): { ratio: number; against: string } {
  let worst = { ratio: Number.POSITIVE_INFINITY, against: WHITE };
  for (const background of backgrounds) {
    const ratio = contrastRatio(colour, background);
    if (ratio < worst.ratio) worst = { ratio, against: background };
  }
  return worst;
}

/**
 * The colour mixed with black just enough to reach `min` against every background: the same
 * hue, as little darker as will do. A colour that already reaches it comes back unchanged.
 */
export function darkenToContrast(colour: string, min: number, backgrounds: readonly string[]): string {
  const rgb = channels(colour);
  const at = (keep: number) => toHex(rgb.map((c) => c * keep));
  if (worstContrast(colour, backgrounds).ratio >= min) return colour.toUpperCase();
  let low = 0; // black: always enough against light backgrounds
  let high = 1;
  for (let i = 0; i < 24; i++) {
    const mid = (low + high) / 2;
    if (worstContrast(at(mid), backgrounds).ratio >= min) low = mid;
    else high = mid;
  }
  return at(low);
}

/** A ratio as people quote it, cut (not rounded) to two decimals: 4.499 is "4.49:1", not "4.50:1". */
export const formatRatio = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/** The outline a chart bar of this fill needs to stand out from a white page, if it needs one. */
export function graphicOutline(fill: string): string | undefined {
  return contrastRatio(fill, WHITE) >= MIN_GRAPHIC ? undefined : darkenToContrast(fill, MIN_GRAPHIC, [WHITE]);
}

/** The colour to print text in (and behind white text): the brand colour, darkened if it must be. */
export const textColour = (colour: string) => darkenToContrast(colour, MIN_TEXT, TEXT_BACKGROUNDS);

/** A brand colour the report had to change or add to, in the user's words. */
export interface ColourNote {
  /** The setting in impact-report.yaml, e.g. `grants.lottery-2025.brand.colours.accent`. */
  setting: string;
  colour: string;
  ratio: number;
  against: string;
  use: 'text' | 'graphics';
  /** The darkened text colour, or the outline drawn around bars. */
  replacement: string;
}

/** Checks a colour used for text (primary, organisation); a note when it had to be darkened. */
export function checkTextColour(setting: string, colour: string): { colour: string; note?: ColourNote } {
  const adjusted = textColour(colour);
  if (adjusted === colour.toUpperCase()) return { colour };
  // Said against white when it falls short there, as people measure it; else the tint it fails on.
  const onWhite = contrastRatio(colour, WHITE);
  const { ratio, against } =
    onWhite < MIN_TEXT ? { ratio: onWhite, against: WHITE } : worstContrast(colour, TEXT_BACKGROUNDS);
  return { colour: adjusted, note: { setting, colour, ratio, against, use: 'text', replacement: adjusted } };
}

/** Checks a colour used for chart bars (accent); a note when its bars need an outline. */
export function checkGraphicColour(setting: string, colour: string): ColourNote | undefined {
  const outline = graphicOutline(colour);
  if (!outline) return undefined;
  return {
    setting,
    colour,
    ratio: contrastRatio(colour, WHITE),
    against: WHITE,
    use: 'graphics',
    replacement: outline,
  };
}

/** One line a user can act on. */
export function colourNoteText(note: ColourNote): string {
  const against = note.against === WHITE ? 'white' : `the light background ${note.against}`;
  const reached = `${note.setting} ${note.colour} has a contrast of ${formatRatio(note.ratio)} against ${against}`;
  return note.use === 'text'
    ? `${reached}, under the ${MIN_TEXT}:1 text needs: text and headings in it are printed in ${note.replacement} (${formatRatio(contrastRatio(note.replacement, WHITE))} against white). Choose a darker colour to avoid the change.`
    : `${reached}, under the ${MIN_GRAPHIC}:1 chart bars need: bars in it are outlined in ${note.replacement} (${formatRatio(contrastRatio(note.replacement, WHITE))}).`;
}
