import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

// STYLE.md: stats/ is pure. No file system, no process, no clock; the only outside module is the
// t quantile's library.
describe('src/stats is pure', () => {
  const dir = join(ROOT, 'src/stats');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s reaches for no I/O, environment or clock', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).not.toMatch(
      /from 'node:|require\(|\bprocess\.|Date\.now|new Date\(\)|Math\.random|console\./,
    );
    const imports = [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] as string);
    for (const source of imports)
      expect(
        source.startsWith('./') ||
          source === '../domain.js' ||
          source.startsWith('../measures/') ||
          source === '../config/period.js' ||
          source === '@stdlib/stats-base-dists-t-quantile',
      ).toBe(true);
  });
});

// The hash table ingest uses for ids: pure, imports nothing.
describe('src/string-set.ts is pure', () => {
  it('reaches for no I/O, environment or clock, and imports nothing', () => {
    const text = readFileSync(join(ROOT, 'src/string-set.ts'), 'utf8');
    expect(text).not.toMatch(
      /\bimport\b|require\(|\bprocess\.|Date\.now|new Date\(\)|Math\.random|console\./,
    );
  });
});

// The measure catalogue is data and pure functions over it: statistics and configuration share it.
describe('src/measures is pure', () => {
  const dir = join(ROOT, 'src/measures');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports only its own folder', (file) => {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).not.toMatch(/require\(|\bprocess\.|Date\.now|new Date\(\)|Math\.random|console\./);
    for (const m of text.matchAll(/from '([^']+)'/g)) expect(m[1]).toMatch(/^\.\//);
  });
});
