import { describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS } from '../../src/config/schema.js';
import { identifyingHeader, normaliseHeader } from '../../src/ingest/headers.js';

describe('normaliseHeader (data.md §1)', () => {
  it.each([
    ['Episode ID', 'episode_id'],
    ['  episode_id ', 'episode_id'],
    ['REFERRAL   Date', 'referral_date'],
    ['\uFEFFepisode_id', 'episode_id'],
    ['PIRGAS\tpre', 'pirgas_pre'],
  ])('%j is %s', (header, name) => {
    expect(normaliseHeader(header)).toBe(name);
  });
});

describe('identifyingHeader (data.md §5)', () => {
  it.each([
    ['Name', 'a name'],
    ['Client Name', 'a name'],
    ["Mother's name", 'a name'],
    ['Parent Name', 'a name'],
    ['Surname', 'a name'],
    ['First name', 'a name'],
    ['First Name', 'a name'],
    ['Full Name', 'a name'],
    ['Given name', 'a name'],
    ['FirstName', 'a name'],
    ['Forename', 'a name'],
    ['Name of GP', 'a name'],
    ['Referrer name', 'a name'],
    ['Initials', 'a name'],
    ['Email', 'an email address'],
    ['E-mail', 'an email address'],
    ['Email Address', 'an email address'],
    ["Parent's e-mail", 'an email address'],
    ['Phone', 'a phone number'],
    ['Telephone', 'a phone number'],
    ['Mobile', 'a phone number'],
    ['Mobile No.', 'a phone number'],
    ['Tel', 'a phone number'],
    ['Contact number', 'a phone number'],
    ['Phone number', 'a phone number'],
    ['Address', 'an address'],
    ['Address line 1', 'an address'],
    ['Home address', 'an address'],
    ['Street', 'an address'],
    ['Postcode', 'a postcode'],
    ['Post code', 'a postcode'],
    ['POSTCODE', 'a postcode'],
    ['Zip', 'a postcode'],
    ['Postal code', 'a postcode'],
    ['Post_Code', 'a postcode'],
    ['post-code', 'a postcode'],
    ['DOB', 'a date of birth'],
    ['Mum DOB', 'a date of birth'],
    ['Date Of Birth (DD/MM/YYYY)', 'a date of birth'],
    ['D.O.B.', 'a date of birth'],
    ['Child DOB', 'a date of birth'],
    ['Date of birth', 'a date of birth'],
    ["Baby's date of birth", 'a date of birth'],
    ['Birth date', 'a date of birth'],
    ['NHS', 'an NHS number'],
    ['NHS number', 'an NHS number'],
    ['NHS No', 'an NHS number'],
    ['NHS No.', 'an NHS number'],
    ['nhs_id', 'an NHS number'],
  ])('%j looks like %s', (header, what) => {
    expect(identifyingHeader(normaliseHeader(header))).toBe(what);
  });

  it.each([
    ...CANONICAL_COLUMNS,
    'Area name',
    'Service name',
    'Group name',
    'Funder name',
    'Notes',
    'Ethnicity',
    'Gender',
    'Age band',
    'Town',
    'Outcome',
    'Filename',
    'NHS Trust',
    'Household size',
    'Referral source',
    'Birth order',
    'Year of birth',
    'Named worker',
    '',
  ])('%j is not an identifier', (header) => {
    expect(identifyingHeader(normaliseHeader(header))).toBeUndefined();
  });
});
