import { describe, expect, it } from 'vitest';
import { inScope, isActive, isEnded, within } from '../../src/stats/scope.js';
import { episode, range } from './support.js';

describe('inScope (statistics.md "In scope")', () => {
  const e = episode({ area: 'Didcot', service: 'group', funding: ['powerhouse', 'lottery'] });

  it('no match, or an empty one, is the whole programme', () => {
    expect(inScope(e, undefined)).toBe(true);
    expect(inScope(e, {})).toBe(true);
  });

  it('funding matches when the episode carries any listed code', () => {
    expect(inScope(e, { funding: ['lottery'] })).toBe(true);
    expect(inScope(e, { funding: ['council', 'powerhouse'] })).toBe(true);
    expect(inScope(e, { funding: ['council'] })).toBe(false);
    expect(inScope(episode({ funding: [] }), { funding: ['council'] })).toBe(false);
  });

  it('area and service must be among those listed', () => {
    expect(inScope(e, { area: ['Reading', 'Didcot'] })).toBe(true);
    expect(inScope(e, { area: ['Reading'] })).toBe(false);
    expect(inScope(e, { service: ['group'] })).toBe(true);
    expect(inScope(e, { service: ['individual'] })).toBe(false);
  });

  it('every given condition must hold', () => {
    expect(inScope(e, { funding: ['powerhouse'], area: ['Didcot'], service: ['group'] })).toBe(true);
    expect(inScope(e, { funding: ['powerhouse'], area: ['Didcot'], service: ['individual'] })).toBe(false);
    expect(inScope(e, { funding: ['council'], area: ['Didcot'] })).toBe(false);
  });
});

describe('isActive (statistics.md "Active": started, start ≤ to, end blank or ≥ from)', () => {
  const year = range(20240101, 20241231);

  it.each([
    ['started before, still open', 20230601, null, true],
    ['started on the last day', 20241231, null, true],
    ['started the day after', 20250101, null, false],
    ['ended on the first day', 20230601, 20240101, true],
    ['ended the day before', 20230601, 20231231, false],
    ['inside the period', 20240301, 20240401, true],
    ['spanning the period', 20230101, 20250101, true],
  ] as const)('%s', (_, startDate, endDate, expected) => {
    expect(isActive(episode({ startDate, endDate }), year)).toBe(expected);
  });

  it('an episode that never started is not active, whatever its dates', () => {
    expect(isActive(episode({ startDate: null }), year)).toBe(false);
  });
});

describe('isEnded (statistics.md "Ended": end_date within [from, to])', () => {
  const year = range(20240101, 20241231);

  it.each([
    [20240101, true],
    [20241231, true],
    [20240615, true],
    [20231231, false],
    [20250101, false],
    [null, false],
  ] as const)('end %s → %s', (endDate, expected) => {
    expect(isEnded(episode({ startDate: 20230101, endDate }), year)).toBe(expected);
  });

  it('a one-day period holds an episode ended on that day', () => {
    expect(isEnded(episode({ endDate: 20240229 }), range(20240229, 20240229))).toBe(true);
  });

  it('within is inclusive at both ends', () => {
    expect(within(20240101, year)).toBe(true);
    expect(within(20241231, year)).toBe(true);
    expect(within(20250101, year)).toBe(false);
  });
});
