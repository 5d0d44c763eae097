import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/config/period.js';
import { parseConfig } from '../src/config/validate.js';
import { inputWarnings } from '../src/warnings.js';
import { episode, summarise } from './stats/support.js';

const config = (grant: string) =>
  parseConfig(
    `organisation: { name: X }\ninput: { outcomes: o.csv }\ngrants:\n  g: { funder: F, title: T, period: 2024${grant} }\n`,
    'impact-report.yaml',
  );
const inputs = {
  measures: ['pirgas'],
  summary: summarise([
    episode({ area: 'Didcot', funding: ['example-fund'], endDate: 20250630 }),
    episode({ area: 'Reading', funding: ['dfe'] }),
  ]),
};

describe('inputWarnings: reports that would be wrong but look fine', () => {
  it('a match value no episode has, with the nearest that does', () => {
    const [warning] = inputWarnings(config(', match: { funding: exmaple-fund }'), inputs);
    expect(warning).toContain('matches funding "exmaple-fund", which no episode in the outcomes export has');
    expect(warning).toContain('did you mean "example-fund"?');
    expect(warning).toContain('"dfe", "example-fund"');
  });

  it('nothing to say when every match value occurs', () => {
    expect(
      inputWarnings(
        config(', match: { funding: dfe, area: [Reading, Didcot], service: individual }'),
        inputs,
      ),
    ).toEqual([]);
  });

  it('a period that starts after the latest date in the export', () => {
    const c = config('');
    const grant = c.grants[0] as (typeof c.grants)[number];
    const later = inputWarnings(c, inputs, [{ grant, period: parsePeriod('FY2040-41', 4) }]);
    expect(later).toEqual([
      expect.stringContaining(
        'starts on 1 April 2040, after the latest date in the outcomes export (30 June 2025)',
      ),
    ]);
    expect(inputWarnings(c, inputs, [{ grant, period: parsePeriod('2025-Q2', 4) }])).toEqual([]);
  });

  it('placeholder text left in a narrative', () => {
    expect(
      inputWarnings(config(', narrative: "Write a few sentences here about the grant."'), inputs),
    ).toEqual([expect.stringContaining('still holds placeholder text')]);
    expect(inputWarnings(config(', narrative: "We saw 23 families."'), inputs)).toEqual([]);
  });
});
