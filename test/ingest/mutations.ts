import fc from 'fast-check';

/** Ways to damage a CSV export, as the property-based tests generate them. */
export type Mutation =
  | { kind: 'insert'; at: number; bytes: number[] }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace'; at: number; byte: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicateLine'; line: number }
  | { kind: 'separator'; to: string }
  | { kind: 'quote'; at: number };

// Bytes that matter to a CSV reader, and some that break UTF-8 or are invisible.
const SPECIAL = [
  0x22, 0x2c, 0x3b, 0x0a, 0x0d, 0x09, 0x20, 0x00, 0xff, 0xc3, 0xef, 0xbb, 0xbf, 0x40, 0x2d, 0x2f,
];
const byte = fc.oneof(fc.constantFrom(...SPECIAL), fc.integer({ min: 0, max: 255 }));
/** A position in the file, as a fraction of its length. */
const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.array(byte, { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: position, length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('replace' as const), at: position, byte }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({ kind: fc.constant('duplicateLine' as const), line: fc.nat(25) }),
  fc.record({ kind: fc.constant('separator' as const), to: fc.constantFrom(';', '\t', '|', '","', '\r') }),
  fc.record({ kind: fc.constant('quote' as const), at: position }),
);

export function apply(bytes: Buffer, m: Mutation): Buffer {
  const at = 'at' in m ? Math.floor(m.at * (bytes.length + 1)) : 0;
  switch (m.kind) {
    case 'insert':
      return Buffer.concat([bytes.subarray(0, at), Buffer.from(m.bytes), bytes.subarray(at)]);
    case 'delete':
      return Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + m.length)]);
    case 'replace': {
      const copy = Buffer.from(bytes);
      if (at < copy.length) copy[at] = m.byte;
      return copy;
    }
    case 'truncate':
      return bytes.subarray(0, at);
    case 'duplicateLine': {
      const lines = bytes.toString('latin1').split('\n');
      const i = m.line % lines.length;
      lines.splice(i, 0, lines[i] ?? '');
      return Buffer.from(lines.join('\n'), 'latin1');
    }
    case 'separator':
      return Buffer.from(bytes.toString('latin1').replaceAll(',', m.to), 'latin1');
    case 'quote': {
      // A quote at the start of the value after the comma nearest `at`: opens a quoted value.
      const comma = bytes.indexOf(0x2c, at);
      const where = comma < 0 ? at : comma + 1;
      return Buffer.concat([bytes.subarray(0, where), Buffer.from('"'), bytes.subarray(where)]);
    }
  }
}

/** A valid export after `mutations`, one after another. */
export const mutate = (bytes: Buffer, mutations: Mutation[]): Buffer =>
  mutations.reduce((b, m) => apply(b, m), bytes);
