/**
 * Sets of strings for a million and more of them: episode ids (each used once, data.md §4) and
 * family ids (counted once each). A Set or Map of strings costs most of a second to fill at
 * that size; this open hash table over typed arrays costs a fraction. Strings are compared
 * only where their hashes agree.
 */
export class StringSet {
  private mask = 1023;
  /**
   * Two numbers a slot: 1 + the entry there (0 where empty), and the entry's hash, side by
   * side so that a probe reads one cache line, not a slot and then a hash elsewhere.
   */
  private table = new Int32Array(2048);
  private readonly entries: string[] = [];

  /** How many distinct strings it holds. */
  get size(): number {
    return this.entries.length;
  }

  /** The string given entry number `entry`. */
  at(entry: number): string {
    return this.entries[entry] as string;
  }

  /** The entry number of `s`: the one it was given when first added, numbered from 0. */
  add(s: string): number {
    const hash = hashString(s);
    const table = this.table;
    let slot = hash & this.mask;
    for (;;) {
      const entry = (table[2 * slot] as number) - 1;
      if (entry < 0) break;
      if (table[2 * slot + 1] === hash && this.entries[entry] === s) return entry;
      slot = (slot + 1) & this.mask;
    }
    const entry = this.entries.push(s) - 1;
    table[2 * slot] = entry + 1;
    table[2 * slot + 1] = hash;
    // At most half the slots full, so that probes stay short.
    if (2 * this.entries.length > this.mask + 1) this.rehash();
    return entry;
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
  private readonly ids = new StringSet();
  private lines = new Float64Array(512);

  /** The line `id` was first used on; undefined (and `id` recorded as used on `line`) when new. */
  earlier(id: string, line: number): number | undefined {
    const known = this.ids.size;
    const entry = this.ids.add(id);
    if (entry < known) return this.lines[entry];
    if (entry === this.lines.length) {
      const lines = new Float64Array(2 * this.lines.length);
      lines.set(this.lines);
      this.lines = lines;
    }
    this.lines[entry] = line;
    return undefined;
  }
}

/** FNV-1a over a string's UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}
