import { describe, expect, it } from 'vitest';
import { headerScore, similarity, suggestHeaders } from '../../src/ingest/header-suggestions.js';

describe('similarity', () => {
  it('is 1 for the same text, 0 for nothing shared, and high for a typo', () => {
    expect(similarity('familyid', 'familyid')).toBe(1);
    expect(similarity('abc', 'xyz')).toBe(0);
    // fa am ml ly yi id against fa am mi il ly yi id: fa am ly yi id are shared.
    expect(similarity('famlyid', 'familyid')).toBeCloseTo((2 * 5) / (6 + 7), 10);
    expect(similarity('referaldate', 'referraldate')).toBeGreaterThan(0.8);
  });
});

describe('suggestHeaders', () => {
  const outcomes = ['episode_id', 'family_id', 'service', 'area', 'referral_date'];

  it('names "Case Ref" for episode_id, not for family_id', () => {
    const s = suggestHeaders(['episode_id', 'family_id'], ['Case Ref', 'Notes']);
    expect(s.get('episode_id')).toEqual(['Case Ref']);
    expect(s.get('family_id')).toEqual([]);
  });

  it('finds synonyms and misspellings of every required outcomes column', () => {
    const s = suggestHeaders(outcomes, [
      'Case Ref',
      'Famly ID',
      'Type of work',
      'Locality',
      'Referred on',
      'Notes',
    ]);
    expect(Object.fromEntries(s)).toEqual({
      episode_id: ['Case Ref'],
      family_id: ['Famly ID'],
      service: ['Type of work'],
      area: ['Locality'],
      referral_date: ['Referred on'],
    });
  });

  it('a header as likely for two missing columns is offered for both', () => {
    const s = suggestHeaders(['episode_id', 'family_id'], ['ID']);
    expect(s.get('episode_id')).toEqual(['ID']);
    expect(s.get('family_id')).toEqual(['ID']);
  });

  it('names nothing for headers that are nothing like it', () => {
    expect(suggestHeaders(['episode_id'], ['Notes', 'Outcome', 'Comments']).get('episode_id')).toEqual([]);
    expect(headerScore('Notes', 'area')).toBe(0);
  });

  it('orders several candidates best first and keeps at most three', () => {
    const s = suggestHeaders(['episode_id'], ['Ref', 'Case Ref', 'Episode Number', 'Record no', 'Case']);
    expect(s.get('episode_id')?.[0]).not.toBe('Ref');
    expect(s.get('episode_id')).toHaveLength(3);
  });

  it('knows the referrals columns too', () => {
    const s = suggestHeaders(
      ['month', 'source', 'count'],
      ['Period', 'Referrer type', 'Number of referrals'],
    );
    expect(Object.fromEntries(s)).toEqual({
      month: ['Period'],
      source: ['Referrer type'],
      count: ['Number of referrals'],
    });
  });
});
