import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_MEASURES } from '../../src/measures/catalogue.js';
import { measuresDoc } from '../../src/measures/doc.js';
import { ROOT } from '../helpers/cli.js';

describe('docs/measures.md', () => {
  it('is exactly what `npm run docs:measures` would write now, so it cannot drift from the catalogue', () => {
    expect(readFileSync(join(ROOT, 'docs/measures.md'), 'utf8')).toBe(measuresDoc());
  });

  it('lists every built-in measure with its range and thresholds', () => {
    const doc = measuresDoc();
    for (const m of BUILT_IN_MEASURES) expect(doc).toContain(`| \`${m.id}\` | ${m.name} |`);
    expect(doc).toContain(
      '| `gbo` | GBO | Goal-Based Outcomes (mean goal score) | 0–10 | decimal | higher | 2.45 | none |',
    );
    expect(doc).toContain(
      '| `pirgas` | PIRGAS | Parent-Infant Relationship Global Assessment Scale | 1–100 | whole | higher | 10 | ≤ 40 |',
    );
  });
});
