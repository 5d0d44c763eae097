/** data.md §1: headers match after trimming, lower-casing and turning runs of spaces into "_". */
export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/\s+/g, '_');
}

const PERSON = new Set([
  'parent',
  'mother',
  'mum',
  'father',
  'dad',
  'carer',
  'child',
  'baby',
  'infant',
  'client',
  'patient',
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
  'preferred',
]);
const IDENTIFYING_EXACT = new Set(['name', 'd.o.b', 'd.o.b.', 'zip', 'post_code', 'e_mail']);

/**
 * data.md §5: does this (normalised) header look like a direct identifier — name, email,
 * phone/mobile, address, postcode, date of birth / DOB, NHS number? Returns what it looks like.
 */
export function identifyingHeader(header: string): string | undefined {
  if (IDENTIFYING_EXACT.has(header))
    return header.startsWith('name') ? 'a name' : 'contact or identity details';
  const tokens = header.split(/[_\-.]+/).filter(Boolean);
  const joined = tokens.join('');
  if (/dateofbirth|birthdate|^dob$/.test(joined) || tokens.includes('dob')) return 'a date of birth';
  if (
    joined.includes('nhsnumber') ||
    joined.includes('nhsno') ||
    (tokens.includes('nhs') && tokens.length <= 2)
  )
    return 'an NHS number';
  if (
    tokens.some((t) => t === 'email' || t === 'e-mail') ||
    joined === 'email' ||
    joined.includes('emailaddress')
  )
    return 'an email address';
  if (
    tokens.some((t) => ['phone', 'telephone', 'tel', 'mobile', 'phonenumber'].includes(t)) ||
    joined.includes('phonenumber')
  )
    return 'a phone number';
  if (tokens.includes('postcode') || joined.includes('postcode') || tokens.includes('zip'))
    return 'a postcode';
  if (tokens.includes('address') || tokens.includes('street')) return 'an address';
  if (
    ['surname', 'forename', 'firstname', 'lastname', 'fullname', 'givenname', 'familyname'].some((n) =>
      joined.includes(n),
    )
  )
    return 'a name';
  if (tokens.includes('name') && (tokens.length === 1 || tokens.some((t) => PERSON.has(t)))) return 'a name';
  return undefined;
}
