/**
 * Sets of strings for a million and more of them: episode ids (each used once, data.md §4) and
 * family ids (counted once each). A Set or Map of strings costs most of a second to fill at
 * that size; this open hash table over typed arrays costs a fraction. Strings are compared
 * only where their hashes agree.
 */
export class StringSet {
  private mask = 1023;
  /** Per slot: 1 + the entry there; 0 where empty. */
  private slots = new Int32Array(1024);
  private hashes = new Int32Array(512);
  private readonly entries: string[] = [];

  /** How many distinct strings it holds. */
  get size(): number {
    return this.entries.length;
  }

  /** The entry number of `s`: the one it was given when first added, numbered from 0. */
  add(s: string): number {
    const hash = hashString(s);
    let slot = hash & this.mask;
    for (;;) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) break;
      if (this.hashes[entry] === hash && this.entries[entry] === s) return entry;
      slot = (slot + 1) & this.mask;
    }
    const entry = this.entries.push(s) - 1;
    if (entry === this.hashes.length) {
      const hashes = new Int32Array(2 * this.hashes.length);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[entry] = hash;
    this.slots[slot] = entry + 1;
    // At most half the slots full, so that probes stay short.
    if (2 * this.entries.length > this.slots.length) this.rehash();
    return entry;
  }

  private rehash(): void {
    this.slots = new Int32Array(2 * this.slots.length);
    this.mask = this.slots.length - 1;
    for (let entry = 0; entry < this.entries.length; entry++) {
      let slot = (this.hashes[entry] as number) & this.mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
      this.slots[slot] = entry + 1;
    }
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
