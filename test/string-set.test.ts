import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FirstLines, hashString, IdKeys, StringSet, shareKey } from '../src/string-set.js';

describe('StringSet: a Set of strings over typed arrays', () => {
  it('numbers each distinct string once, in the order first added, as a Set counts them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 6, unit: 'binary' }), { maxLength: 3000 }),
        fc.nat(4000),
        (strings, expected) => {
          const set = new StringSet(expected);
          const numbers = new Map<string, number>();
          for (const s of strings) {
            if (!numbers.has(s)) numbers.set(s, numbers.size);
            expect(set.add(s)).toBe(numbers.get(s));
          }
          expect(set.size).toBe(new Set(strings).size);
          // Each entry gives its string back, whether it was added before or after a wide character.
          for (const [s, entry] of numbers) expect(set.at(entry)).toBe(s);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives back strings of every length and width, long ones too', () => {
    const set = new StringSet();
    const strings = ['', 'EP1', 'é', 'x'.repeat(20_000), '😀 family', 'EP1 ', 'e\u0301'];
    for (const s of strings) set.add(s);
    expect(strings.map((s) => set.at(set.add(s)))).toEqual(strings);
    expect(set.size).toBe(strings.length);
  });

  it('keeps apart different strings whose hashes agree', () => {
    // Two ids with the same 32-bit FNV-1a hash, found by search (a birthday search finds one
    // among a few hundred thousand): the set must compare the strings themselves.
    const byHash = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; !pair; i++) {
      const id = `EP${i}`;
      const other = byHash.get(hashString(id));
      if (other !== undefined) pair = [other, id];
      byHash.set(hashString(id), id);
    }
    const [x, y] = pair;
    expect(hashString(x)).toBe(hashString(y));
    const set = new StringSet();
    expect(set.add(x)).toBe(0);
    expect(set.add(y)).toBe(1);
    expect(set.add(x)).toBe(0);
    expect(set.add(y)).toBe(1);
    expect(set.size).toBe(2);
  });

  it('takes in another set as adding its strings one by one would, whatever their width', () => {
    const strings = fc.array(fc.string({ maxLength: 5, unit: 'binary' }), { maxLength: 1500 });
    fc.assert(
      fc.property(strings, strings, (mine, theirs) => {
        const set = new StringSet();
        const byString = new StringSet();
        for (const s of mine) {
          set.add(s);
          byString.add(s);
        }
        const other = new StringSet();
        for (const s of theirs) other.add(s);
        const entries = set.addAll(other.contents());
        expect([...entries]).toEqual(Array.from({ length: other.size }, (_, e) => byString.add(other.at(e))));
        expect(set.size).toBe(byString.size);
        for (let e = 0; e < set.size; e++) expect(set.at(e)).toBe(byString.at(e));
        // And it goes on taking strings one by one as before.
        for (const s of [...theirs.slice(0, 20), 'after ✓', 'after'])
          expect(set.add(s)).toBe(byString.add(s));
        expect(set.at(set.size - 1)).toBe(byString.at(byString.size - 1));
      }),
      { numRuns: 80 },
    );
  });

  it('takes in a set many times its own size at once', () => {
    const set = new StringSet();
    for (let i = 0; i < 10; i++) set.add(`F${i}`);
    const other = new StringSet();
    for (let i = 5; i < 40_000; i++) other.add(`F${i}`);
    const entries = set.addAll(other.contents());
    expect(set.size).toBe(40_000);
    expect(entries[0]).toBe(5);
    expect(entries[4]).toBe(9);
    expect(entries[5]).toBe(10);
    expect(set.at(39_999)).toBe('F39999');
    expect(set.add('F123')).toBe(123);
    expect(set.add('G')).toBe(40_000);
  });

  it('holds a million ids, growing as it goes', () => {
    const set = new StringSet();
    for (let i = 0; i < 1_000_000; i++) set.add(`EP${i}`);
    expect(set.size).toBe(1_000_000);
    expect(set.add('EP0')).toBe(0);
    expect(set.add('EP999999')).toBe(999_999);
    expect(set.add('EP1000000')).toBe(1_000_000);
  });
});

describe('FirstLines: the line each episode id was first used on', () => {
  it('answers as a Map of first lines does', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 2000 }), (ids) => {
        const firstLines = new FirstLines();
        const map = new Map<string, number>();
        ids.forEach((id, i) => {
          const line = i + 2;
          const expected = map.get(id);
          if (expected === undefined) map.set(id, line);
          expect(firstLines.earlier(id, line)).toBe(expected);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('keeps line numbers beyond four bytes exactly', () => {
    const firstLines = new FirstLines();
    expect(firstLines.earlier('EP1', 7)).toBeUndefined();
    expect(firstLines.earlier('EP2', 2 ** 33 + 1)).toBeUndefined();
    expect(firstLines.earlier('EP2', 9)).toBe(2 ** 33 + 1);
    expect(firstLines.earlier('EP1', 10)).toBe(7);
  });
});

describe('IdKeys: whether any id is used twice, in a part or across two', () => {
  const keysOf = (ids: string[]) => {
    const keys = new IdKeys();
    for (const id of ids) keys.add(id);
    return keys.sorted();
  };

  it('finds an id used twice, and none among distinct ids', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 8, unit: 'binary' }), { maxLength: 2000 }),
        fc.nat(),
        (ids, pick) => {
          const keys = keysOf(ids);
          expect(keys).toBeDefined();
          expect([...(keys as Float64Array)]).toEqual([...(keys as Float64Array)].sort((a, b) => a - b));
          if (ids.length > 0) expect(keysOf([...ids, ids[pick % ids.length] as string])).toBeUndefined();
        },
      ),
      { numRuns: 60 },
    );
  });

  it("keys each id by its two hashes (hashString's, from two offset bases), made in one pass", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 12, unit: 'binary' }), { maxLength: 300 }), (ids) => {
        const expected = ids.map(
          (id) => (hashString(id) >>> 0) * 2 ** 21 + (hashString(id, 0x2a4b_1c3d) & 0x1f_ffff),
        );
        const keys = keysOf(ids);
        // Two distinct ids may (very rarely) share a key: then there is nothing to compare.
        if (new Set(expected).size < expected.length) return;
        expect([...(keys as Float64Array)]).toEqual(expected.sort((a, b) => a - b));
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every key when room is made for more, before, between or after ids are added', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 8 }), { maxLength: 3000 }),
        fc.nat(3000),
        fc.nat(5000),
        (ids, at, room) => {
          const keys = new IdKeys();
          ids.forEach((id, i) => {
            if (i === at) keys.reserve(room);
            keys.add(id);
          });
          if (at >= ids.length) keys.reserve(room);
          expect(keys.sorted()).toEqual(keysOf(ids));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds two lists of ids sharing one, and only then', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 600 }),
        fc.uniqueArray(fc.string({ maxLength: 6 }), { maxLength: 600 }),
        (a, b) => {
          const shared = a.some((id) => b.includes(id));
          expect(shareKey(keysOf(a) as Float64Array, keysOf(b) as Float64Array)).toBe(shared);
        },
      ),
      { numRuns: 100 },
    );
  });
});
