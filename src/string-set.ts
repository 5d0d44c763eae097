/** A StringSet's strings, as `contents()` gives them. */
export interface StringSetContents {
  chars: Uint8Array | Uint16Array;
  starts: Uint32Array | Float64Array;
  size: number;
}

/**
 * Sets of strings for a million and more of them: episode ids (each used once, data.md §4) and
 * family ids (counted once each). A Set or Map of strings costs most of a second to fill at
 * that size, and a string object per entry; this open hash table over typed arrays costs a
 * fraction, and holds the strings' characters one after another in one array (one byte each
 * while every character is below 256). Strings are compared only where their hashes agree.
 */
export class StringSet {
  private mask: number;
  /**
   * Two numbers a slot: 1 + the entry there (0 where empty), and the entry's hash, side by
   * side so that a probe reads one cache line, not a slot and then a hash elsewhere.
   */
  private table: Int32Array;
  private count = 0;
  private chars: Uint8Array | Uint16Array = new Uint8Array(4096);
  /**
   * Where each entry's characters start in `chars`; the next entry's start is where it ends.
   * Four bytes each until the characters pass 4 GiB (never, in practice), then eight.
   */
  private starts: Uint32Array | Float64Array = new Uint32Array(1025);

  /** `expected`: how many strings it will likely hold, so that it need not grow to hold them. */
  constructor(expected = 0) {
    let slots = 1024;
    while (slots < 2 * expected) slots *= 2;
    this.mask = slots - 1;
    this.table = new Int32Array(2 * slots);
  }

  /** How many distinct strings it holds. */
  get size(): number {
    return this.count;
  }

  /** The strings' characters and where each starts: what another thread's set can take in (`addAll`). */
  contents(): StringSetContents {
    return { chars: this.chars, starts: this.starts, size: this.count };
  }

  /**
   * Adds every string of another set's `contents()`, reading their characters where they are
   * (no string is made); returns the entry each was given here, by its entry there.
   */
  addAll(other: StringSetContents): Int32Array {
    const entries = new Int32Array(other.size);
    const { chars: source, starts: from } = other;
    // Room for every one of them at once (none may be here already): no growing as they come.
    const added = (from[other.size] as number) - (from[0] as number);
    this.reserveAll(other.size, added, source instanceof Uint16Array && !this.isNarrow(source, other));
    const chars = this.chars;
    const starts = this.starts;
    for (let e = 0; e < other.size; e++) {
      const begin = from[e] as number;
      const end = from[e + 1] as number;
      let hash = 0x811c9dc5;
      for (let i = begin; i < end; i++) hash = Math.imul(hash ^ (source[i] as number), 0x01000193);
      hash |= 0;
      let slot = hash & this.mask;
      let found = -1;
      for (;;) {
        const entry = (this.table[2 * slot] as number) - 1;
        if (entry < 0) break;
        if (this.table[2 * slot + 1] === hash && this.holdsChars(entry, source, begin, end)) {
          found = entry;
          break;
        }
        slot = (slot + 1) & this.mask;
      }
      if (found < 0) {
        found = this.count++;
        // The characters copied one by one: ids are short, and a view of each would be an object.
        let at = starts[found] as number;
        for (let i = begin; i < end; i++) chars[at++] = source[i] as number;
        starts[found + 1] = at;
        this.table[2 * slot] = found + 1;
        this.table[2 * slot + 1] = hash;
        if (2 * this.count > this.mask + 1) this.rehash();
      }
      entries[e] = found;
    }
    return entries;
  }

  /** Whether another set's characters all fit one byte each (so this set's may stay narrow). */
  private isNarrow(source: Uint16Array, other: StringSetContents): boolean {
    const end = other.starts[other.size] as number;
    for (let i = other.starts[0] as number; i < end; i++) if ((source[i] as number) > 255) return false;
    return true;
  }

  /** Room for `entries` more entries of `length` characters in all, two bytes each from now on if `wide`. */
  private reserveAll(entries: number, length: number, wide: boolean): void {
    const end = (this.starts[this.count] as number) + length;
    if (end > this.chars.length) this.chars = this.resized(this.chars, Math.max(2 * this.chars.length, end));
    if (wide && this.chars instanceof Uint8Array) {
      const widened = new Uint16Array(this.chars.length);
      widened.set(this.chars);
      this.chars = widened;
    }
    const need = this.count + entries + 1;
    const wideStarts = end > 0xffff_ffff || this.starts instanceof Float64Array;
    if (need > this.starts.length || (wideStarts && this.starts instanceof Uint32Array)) {
      const length = Math.max(need, 2 * this.starts.length);
      const grown = wideStarts ? new Float64Array(length) : new Uint32Array(length);
      grown.set(this.starts);
      this.starts = grown;
    }
  }

  /** The string given entry number `entry`. */
  at(entry: number): string {
    const chars = this.chars.subarray(this.starts[entry], this.starts[entry + 1]);
    let s = '';
    for (let i = 0; i < chars.length; i += 8192)
      s += String.fromCharCode.apply(null, chars.subarray(i, i + 8192) as unknown as number[]);
    return s;
  }

  /** The entry number of `s`: the one it was given when first added, numbered from 0. */
  add(s: string): number {
    const hash = hashString(s);
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const entry = (table[2 * slot] as number) - 1;
      if (entry < 0) break;
      if (table[2 * slot + 1] === hash && this.holds(entry, s)) return entry;
      slot = (slot + 1) & this.mask;
    }
    const entry = this.count++;
    this.append(s);
    table[2 * slot] = entry + 1;
    table[2 * slot + 1] = hash;
    // At most half the slots full, so that probes stay short.
    if (2 * this.count > this.mask + 1) this.rehash();
    return entry;
  }

  /** Whether entry `entry` is `s`. */
  private holds(entry: number, s: string): boolean {
    const start = this.starts[entry] as number;
    if ((this.starts[entry + 1] as number) - start !== s.length) return false;
    const chars = this.chars;
    for (let i = 0; i < s.length; i++) if (chars[start + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Adds `s`'s characters as the next entry's. */
  private append(s: string): void {
    let wide = false;
    if (this.chars instanceof Uint8Array)
      for (let i = 0; i < s.length && !wide; i++) wide = s.charCodeAt(i) > 255;
    const { chars, start } = this.reserve(s.length, wide);
    for (let i = 0; i < s.length; i++) chars[start + i] = s.charCodeAt(i);
  }

  /**
   * Room for the next entry's `length` characters, two bytes each from now on if `wide` (a
   * character beyond one byte); returns where they go.
   */
  private reserve(length: number, wide: boolean): { chars: Uint8Array | Uint16Array; start: number } {
    const start = this.starts[this.count - 1] as number;
    const end = start + length;
    if (end > this.chars.length) this.chars = this.resized(this.chars, Math.max(2 * this.chars.length, end));
    if (wide && this.chars instanceof Uint8Array) {
      const widened = new Uint16Array(this.chars.length);
      widened.set(this.chars);
      this.chars = widened;
    }
    this.starts = grownFor(this.starts, this.count, end);
    this.starts[this.count] = end;
    return { chars: this.chars, start };
  }

  /** Whether entry `entry` holds the characters `from` to `to` of `source`. */
  private holdsChars(entry: number, source: Uint8Array | Uint16Array, from: number, to: number): boolean {
    const start = this.starts[entry] as number;
    if ((this.starts[entry + 1] as number) - start !== to - from) return false;
    const chars = this.chars;
    for (let i = from; i < to; i++) if (chars[start + i - from] !== source[i]) return false;
    return true;
  }

  private resized(chars: Uint8Array | Uint16Array, length: number): Uint8Array | Uint16Array {
    const grown = chars instanceof Uint8Array ? new Uint8Array(length) : new Uint16Array(length);
    grown.set(chars);
    return grown;
  }

  private rehash(): void {
    const old = this.table;
    const table = new Int32Array(2 * old.length);
    const mask = table.length / 2 - 1;
    for (let from = 0; from < old.length; from += 2) {
      if (old[from] === 0) continue;
      const hash = old[from + 1] as number;
      let slot = hash & mask;
      while (table[2 * slot] !== 0) slot = (slot + 1) & mask;
      table[2 * slot] = old[from] as number;
      table[2 * slot + 1] = hash;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** The line each episode id was first used on. */
export class FirstLines {
  private readonly ids: StringSet;
  /** Four bytes a line number until one passes 2^32 − 1 (never, in practice), then eight. */
  private lines: Uint32Array | Float64Array;

  /** `expected`: how many ids there will likely be, so that the table need not grow to hold them. */
  constructor(expected = 0) {
    this.ids = new StringSet(expected);
    this.lines = new Uint32Array(Math.max(512, expected));
  }

  /** The line `id` was first used on; undefined (and `id` recorded as used on `line`) when new. */
  earlier(id: string, line: number): number | undefined {
    const known = this.ids.size;
    const entry = this.ids.add(id);
    if (entry < known) return this.lines[entry];
    this.lines = grownFor(this.lines, entry, line);
    this.lines[entry] = line;
    return undefined;
  }
}

/** `numbers`, or a copy large enough to hold `value` at `index`: twice as long, eight bytes a number if need be. */
function grownFor(
  numbers: Uint32Array | Float64Array,
  index: number,
  value: number,
): Uint32Array | Float64Array {
  const wide = numbers instanceof Uint32Array && value > 0xffff_ffff;
  if (index < numbers.length && !wide) return numbers;
  const length = index < numbers.length ? numbers.length : 2 * numbers.length;
  const grown = wide || numbers instanceof Float64Array ? new Float64Array(length) : new Uint32Array(length);
  grown.set(numbers);
  return grown;
}

/**
 * A 53-bit key for each string added (two independent 32-bit hashes, cut to fit a double
 * exactly): what tells whether any episode id of a part of a file, or of two parts, is used
 * twice (ingest/parts.ts), in a sort instead of a table of every id. Alike strings always have
 * alike keys; two different ids share one about once in ten thousand files of a million.
 */
export class IdKeys {
  private keys = new Float64Array(1024);
  private size = 0;

  /**
   * Room for `n` keys in all, made at once: a list grown by doubling as keys come is copied a
   * dozen times, and fresh memory costs a page fault a page (about 12 µs on the benchmark's
   * machine). Room never used costs nothing.
   */
  reserve(n: number): void {
    if (n <= this.keys.length) return;
    const room = new Float64Array(n);
    room.set(this.keys.subarray(0, this.size));
    this.keys = room;
  }

  add(s: string): void {
    if (this.size === this.keys.length) this.reserve(2 * this.size);
    // Both hashes in one pass over the characters (hashString's, from its two offset bases).
    let h = 0x811c9dc5;
    let g = 0x2a4b_1c3d;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h = Math.imul(h ^ c, 0x01000193);
      g = Math.imul(g ^ c, 0x01000193);
    }
    this.keys[this.size++] = (h >>> 0) * 2 ** 21 + (g & 0x1f_ffff);
  }

  /**
   * The keys in order, or undefined when two are alike (an id may be used twice). Sorted where
   * they are, not copied: asked for once, when every id has been added.
   */
  sorted(): Float64Array | undefined {
    const keys = this.keys.subarray(0, this.size).sort();
    for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) return undefined;
    return keys;
  }
}

/** Whether two lists of keys in order (`IdKeys.sorted`) have a key in common. */
export function shareKey(a: Float64Array, b: Float64Array): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) return true;
    if (x < y) i++;
    else j++;
  }
  return false;
}

/** FNV-1a over a string's UTF-16 code units (from another offset basis for a second, independent hash). */
export function hashString(s: string, basis = 0x811c9dc5): number {
  let h = basis;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}
