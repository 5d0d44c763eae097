import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_IN_COMPOSITES, BUILT_IN_MEASURES } from '../../src/measures/catalogue.js';
import { inClinicalRange, jacobsonTruax } from '../../src/measures/definition.js';
import { ROOT } from '../helpers/cli.js';

/** Every .ts file under a folder. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The code of a file without its comments: a comment may cite a measure, code may not. */
const codeOf = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

describe('the built-in catalogue (data.md §6)', () => {
  it('has the seven measures, in report order, as the table gives them', () => {
    expect(
      BUILT_IN_MEASURES.map((m) => [
        m.id,
        m.name,
        m.min,
        m.max,
        m.decimals,
        m.better,
        m.reliableChange,
        m.clinicalCutoff,
      ]),
    ).toEqual([
      ['pirgas', 'PIRGAS', 1, 100, false, 'higher', 10, 40],
      ['phq9', 'PHQ-9', 0, 27, false, 'lower', 6, 10],
      ['gad7', 'GAD-7', 0, 21, false, 'lower', 4, 8],
      ['epds', 'EPDS', 0, 30, false, 'lower', 4, 13],
      ['core10', 'CORE-10', 0, 40, false, 'lower', 6, 11],
      ['wemwbs', 'WEMWBS', 14, 70, false, 'higher', 3, null],
      ['gbo', 'GBO', 0, 10, true, 'higher', 2.45, null],
    ]);
  });

  it('says where every threshold comes from, its licence, and what improvement means on it', () => {
    for (const m of BUILT_IN_MEASURES) {
      expect(m.source.length, m.id).toBeGreaterThan(10);
      expect(m.licence?.length ?? 0, m.id).toBeGreaterThan(10);
      expect(m.improved, m.id).toMatch(/^(showed|moved) /);
      expect(m.builtIn).toBe(true);
    }
    expect(BUILT_IN_MEASURES.find((m) => m.id === 'epds')?.licence).toContain(
      'Royal College of Psychiatrists',
    );
    expect(BUILT_IN_MEASURES.find((m) => m.id === 'wemwbs')?.licence).toContain('register');
  });

  it('no two measures say improvement the same way (no "relationship with their baby" for CORE-10)', () => {
    const phrases = BUILT_IN_MEASURES.map((m) => m.improved);
    expect(new Set(phrases).size).toBe(phrases.length);
    for (const m of BUILT_IN_MEASURES.filter((x) => x.id !== 'pirgas'))
      expect(m.improved).not.toMatch(/baby/);
  });

  it('has mentalHealth, PHQ-9 and/or GAD-7, as its built-in composite', () => {
    expect(BUILT_IN_COMPOSITES.map((c) => [c.id, c.name, c.measures, c.bothPaired])).toEqual([
      ['mentalHealth', 'PHQ-9 and/or GAD-7', ['phq9', 'gad7'], true],
    ]);
  });

  it('Jacobson–Truax: R = 1.959963984540054 · sd · √(2 · (1 − r))', () => {
    // sd 7.5, r 0.9: 1.959963984540054 · 7.5 · √0.2 = 14.699730 · 0.447214 = 6.573919
    expect(jacobsonTruax(7.5, 0.9)).toBe(1.959963984540054 * 7.5 * Math.sqrt(2 * (1 - 0.9)));
    expect(jacobsonTruax(7.5, 0.9)).toBeCloseTo(6.573919, 5);
    expect(jacobsonTruax(10, 0)).toBeCloseTo(27.718076, 5);
  });

  it('the clinical range: ≤ cut-off where higher is better, ≥ where lower is better, none without one', () => {
    expect(inClinicalRange({ better: 'higher', clinicalCutoff: 40 }, 40)).toBe(true);
    expect(inClinicalRange({ better: 'higher', clinicalCutoff: 40 }, 40.5)).toBe(false);
    expect(inClinicalRange({ better: 'lower', clinicalCutoff: 13 }, 13)).toBe(true);
    expect(inClinicalRange({ better: 'lower', clinicalCutoff: 13 }, 12.9)).toBe(false);
    expect(inClinicalRange({ better: 'lower', clinicalCutoff: null }, 30)).toBe(false);
  });
});

describe('measures are data, defined in one folder', () => {
  const ids = [...BUILT_IN_MEASURES.map((m) => m.id), ...BUILT_IN_COMPOSITES.map((c) => c.id)];
  const names = [...BUILT_IN_MEASURES, ...BUILT_IN_COMPOSITES].map((m) => m.name);
  const outside = sources(join(ROOT, 'src')).filter((f) => !f.startsWith(join(ROOT, 'src', 'measures')));

  it.each(outside.map((f) => relative(ROOT, f)))('%s names no measure in its code', (file) => {
    const code = codeOf(readFileSync(join(ROOT, file), 'utf8'));
    for (const id of ids) expect(code, id).not.toMatch(new RegExp(`\\b${id}\\b`));
    for (const name of names) expect(code, name).not.toContain(name);
  });

  it('the check above would catch a measure named in code', () => {
    expect(codeOf("const x = m === 'pirgas'; // pirgas in a comment is fine")).toMatch(/\bpirgas\b/);
    expect(codeOf('// only pirgas in a comment\n/* and PHQ-9 here */')).not.toMatch(/pirgas|PHQ-9/);
  });
});
