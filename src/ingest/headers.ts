/** data.md §1: headers match after trimming, lower-casing and turning runs of spaces into "_". */
export function normaliseHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

/** Words that, next to "name", make it a person's name ("Mother's name", "Client name"). */
const PERSON = new Set([
  'parent',
  'mother',
  'mum',
  'mom',
  'father',
  'dad',
  'carer',
  'partner',
  'child',
  'childs',
  'baby',
  'babys',
  'infant',
  'client',
  'patient',
  'user',
  'person',
  'first',
  'last',
  'full',
  'given',
  'family',
  'middle',
  'maiden',
  'sur',
  'fore',
  'christian',
  'preferred',
  'known',
  'birth',
  'contact',
  'referrer',
  'worker',
  'therapist',
  'staff',
  'practitioner',
  'clinician',
  'keyworker',
  'key',
  'gp',
  'hv',
  'midwife',
  'emergency',
  'next',
  'kin',
]);

/** Words that, next to "name", make it the name of a thing ("Area name", "Service name"). */
const THING = new Set([
  'area',
  'service',
  'site',
  'locality',
  'location',
  'venue',
  'centre',
  'center',
  'group',
  'programme',
  'program',
  'project',
  'team',
  'funder',
  'fund',
  'grant',
  'organisation',
  'organization',
  'school',
  'setting',
  'source',
  'measure',
  'file',
  'course',
  'session',
  'scale',
  'form',
  'questionnaire',
  'outcome',
  'code',
  'trust',
  'practice',
]);

/**
 * data.md §5: does this header look like a direct identifier — name, email, phone/mobile,
 * address, postcode, date of birth / DOB, NHS number? Returns what it looks like, or undefined.
 * Errs towards refusing: a column that is not personal can be listed under input.ignoreColumns.
 */
export function identifyingHeader(header: string): string | undefined {
  const lower = header.toLowerCase();
  const tokens = lower.split(/[^a-z0-9]+/).filter(Boolean);
  const joined = tokens.join('');
  const has = (...words: string[]) => words.some((w) => tokens.includes(w));

  if (
    /dateofbirth|birthdate|birthday|bday/.test(joined) ||
    has('dob') ||
    /(^|[^a-z])d[^a-z0-9]*o[^a-z0-9]*b($|[^a-z])/.test(lower)
  )
    return 'a date of birth';
  if (has('nhs') && (tokens.length === 1 || has('number', 'no', 'num', 'nbr', 'id', 'ref')))
    return 'an NHS number';
  if (joined.includes('nhsnumber') || joined.includes('nhsno')) return 'an NHS number';
  if (joined.includes('email') || has('mail')) return 'an email address';
  if (
    has('phone', 'telephone', 'tel', 'mobile', 'mob', 'landline', 'cell', 'fax') ||
    /phone|mobileno|mobilenumber|telno|contactnumber|contactno/.test(joined)
  )
    return 'a phone number';
  if (has('postcode', 'zip', 'zipcode') || joined.includes('postcode') || joined.includes('postalcode'))
    return 'a postcode';
  if (has('address', 'addr', 'street', 'house') || joined.includes('address')) return 'an address';
  if (/surname|forename|firstname|lastname|fullname|givenname|familyname|maidenname|nickname/.test(joined))
    return 'a name';
  if (has('name', 'names')) {
    const others = tokens.filter((t) => t !== 'name' && t !== 'names' && t !== 's' && t !== 'of');
    const thing = others.some((t) => THING.has(t));
    const person = others.some((t) => PERSON.has(t));
    if (person || !thing) return 'a name';
  }
  if (has('initials')) return 'a name';
  return undefined;
}
