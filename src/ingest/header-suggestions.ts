/**
 * Which of an export's headers might be a required column it seems to lack ("Case Ref" for
 * episode_id), so the message can name them and the mapping that would use them. A header
 * scores by words it shares with the column or its usual synonyms, and by spelling
 * (a bigram similarity that catches "Famly ID" and "Referal date").
 */

/** Words that say which column a header is: strong ones name it, weak ones fit several. */
const WORDS: Record<string, { strong: string[]; weak: string[] }> = {
  episode_id: {
    strong: ['episode', 'case', 'record', 'ep'],
    weak: ['id', 'ref', 'reference', 'no', 'number', 'code', 'key'],
  },
  family_id: {
    strong: ['family', 'household', 'fam'],
    weak: ['id', 'ref', 'reference', 'no', 'number', 'code', 'key'],
  },
  service: {
    strong: ['service', 'intervention', 'programme', 'program', 'modality', 'offer'],
    weak: ['type', 'kind'],
  },
  area: {
    strong: ['area', 'locality', 'location', 'district', 'town', 'region', 'ward', 'borough', 'patch'],
    weak: [],
  },
  referral_date: { strong: ['referral', 'referred', 'received'], weak: ['date', 'dt', 'when'] },
  month: { strong: ['month', 'period'], weak: ['date', 'when'] },
  source: { strong: ['source', 'referrer', 'origin', 'route', 'agency', 'from'], weak: ['by'] },
  count: { strong: ['count', 'referrals', 'total', 'num', 'volume', 'n'], weak: ['number', 'no'] },
};

/** A header's words: camelCase split, lower-cased, on anything that is not a letter or digit. */
function wordsOf(header: string): string[] {
  return header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

const bigrams = (text: string) => {
  const grams: string[] = [];
  for (let i = 0; i < text.length - 1; i++) grams.push(text.slice(i, i + 2));
  return grams;
};

/** Sørensen–Dice coefficient of the two texts' letter pairs (1 = the same letters in the same pairs). */
export function similarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.length === 0 || y.length === 0) return a === b ? 1 : 0;
  const pool = new Map<string, number>();
  for (const g of y) pool.set(g, (pool.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const left = pool.get(g) ?? 0;
    if (left > 0) {
      shared++;
      pool.set(g, left - 1);
    }
  }
  return (2 * shared) / (x.length + y.length);
}

/** How much `header` looks like the column `name`: 0 (not at all) upwards; ≥ 0.5 is worth naming. */
export function headerScore(header: string, name: string): number {
  const words = wordsOf(header);
  const own = WORDS[name] ?? { strong: [], weak: [] };
  const nameWords = name.split('_');
  const strong = new Set([...own.strong, ...nameWords.filter((w) => !own.weak.includes(w))]);
  const weak = new Set(own.weak);
  let score = 0;
  if (words.some((w) => strong.has(w))) score += 1;
  if (words.some((w) => weak.has(w))) score += 0.5;
  if (similarity(words.join(''), nameWords.join('')) >= 0.7) score += 1;
  return score;
}

/**
 * For each missing column, the headers (of those no column uses) that might be it: scoring at
 * least 0.5, and no less than for any other missing column, best first, at most three.
 */
export function suggestHeaders(missing: readonly string[], unused: readonly string[]): Map<string, string[]> {
  const suggestions = new Map<string, string[]>();
  for (const name of missing) {
    const scored = unused
      .map((header) => ({ header, score: headerScore(header, name) }))
      .filter(
        ({ header, score }) => score >= 0.5 && missing.every((other) => headerScore(header, other) <= score),
      )
      .sort((a, b) => b.score - a.score);
    suggestions.set(
      name,
      scored.slice(0, 3).map((s) => s.header),
    );
  }
  return suggestions;
}
