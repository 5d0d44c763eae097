/**
 * Which lines of a CSV file are plain: printable ASCII without a quote, each line ending as the
 * file's first line does. csv-parse hands such a line over as one record, its values trimmed
 * exactly as JavaScript's `trim` would, with no line break inside a value and no character the
 * text checks look for; so a plain line's record needs none of that work again (a third of a
 * second in a million rows). The file's bytes are scanned as they are read, before csv-parse
 * sees them, so a line's verdict is known before its record arrives; lines are asked about in
 * order. A chunk of the file with any other byte makes every line it touches not plain.
 */

/** Bytes a plain line may hold besides its line end: tab and printable ASCII, except `"`. */
const PLAIN_BYTE = new Uint8Array(256);
PLAIN_BYTE[0x09] = 1;
for (let b = 0x20; b < 0x7f; b++) PLAIN_BYTE[b] = 1;
PLAIN_BYTE[0x22] = 0;

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;

/**
 * Whether none of a word's four bytes needs a look of its own: each is printable ASCII but the
 * quote (no line end, tab or other byte below 0x20, no 0x7f or above). Bit tricks over the four
 * at once: "a byte below 0x20", "a byte from 0x7f" and "a zero byte" in the word xor-ed with
 * quotes; each can be wrong about which byte, never about whether there is one.
 */
function ordinary(x: number): boolean {
  const q = x ^ 0x2222_2222;
  return ((((x - 0x2020_2020) & ~x) | (x + 0x0101_0101) | x | ((q - 0x0101_0101) & ~q)) & 0x8080_8080) === 0;
}

/**
 * How the file's lines end, as csv-parse decides it from the first line end (its record
 * delimiter): `\n` or `\r\n`; `none` when that cannot be judged from the bytes alone (a quote
 * before the first line end, or a lone `\r`) or once a lone `\n` appears among `\r\n`s, and
 * then no line is plain.
 */
type LineEnds = 'unknown' | 'lf' | 'crlf' | 'none';

export class PlainLines {
  /** Line ends scanned so far: the next chunk starts on line `lineEnds + 1`. */
  private lineEnds = 0;
  private ends: LineEnds = 'unknown';
  /** The next chunk is the file's first (and may open with a byte-order mark). */
  private atFileStart: boolean;
  private lastByte = -1;
  /** Ranges of lines that are not plain, in order and apart: `[from₀, to₀, from₁, to₁, …]`. */
  private readonly notPlain: number[] = [];
  /** The first range `plain` has not yet passed. */
  private next = 0;

  /** `fromStart`: the first chunk is the file's start, where a byte-order mark may be. */
  constructor(fromStart = true) {
    this.atFileStart = fromStart;
  }

  /** Scans the file's next chunk (before csv-parse is given it). */
  scan(chunk: Uint8Array): void {
    const firstLine = this.lineEnds + 1;
    let plain = this.ends !== 'none';
    let lineEnds = 0;
    // A byte-order mark opens the file: csv-parse drops it.
    let i = this.atFileStart && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 3 : 0;
    // The chunk's bytes four at a time where they are aligned words (most of a plain file
    // passes `ordinary`), one at a time where they are not and in the words that do not pass.
    const offset = chunk.byteOffset;
    const first = ((offset + 3) & ~3) - offset;
    const count = Math.max(0, (chunk.length - first) >> 2);
    const words = count > 0 ? new Int32Array(chunk.buffer, offset + first, count) : new Int32Array(0);
    for (const n = chunk.length; i < n; i++) {
      if (i >= first && ((i - first) & 3) === 0) {
        let w = (i - first) >> 2;
        while (w < count && ordinary(words[w] as number)) w++;
        i = first + 4 * w;
        if (i >= n) break;
      }
      const b = chunk[i] as number;
      if (PLAIN_BYTE[b] === 1) continue;
      if (b === LF) {
        lineEnds++;
        if ((i > 0 ? chunk[i - 1] : this.lastByte) === CR) continue; // judged at its \r
        if (this.ends === 'unknown') this.ends = 'lf';
        // A lone \n in a file of \r\n is part of a value, and trimmed from one it is a line
        // the records no longer count: from here the records' lines are not the file's.
        if (this.ends === 'crlf') this.ends = 'none';
        if (this.ends !== 'lf') plain = false;
      } else if (b === CR && chunk[i + 1] === LF) {
        if (this.ends === 'unknown') this.ends = 'crlf';
        if (this.ends !== 'crlf') plain = false;
      } else {
        // A quote, a lone \r, a \r at the chunk's end (the line it ends is this chunk's last,
        // so its \n in the next chunk is passed over), or any other byte.
        if (this.ends === 'unknown' && (b === QUOTE || b === CR)) this.ends = 'none';
        plain = false;
      }
    }
    this.atFileStart = false;
    this.lastByte = chunk[chunk.length - 1] ?? this.lastByte;
    this.lineEnds += lineEnds;
    if (plain) return;
    // The chunk's last line: the one after its last \n, unless it ends with that \n.
    const lastLine = chunk[chunk.length - 1] === LF ? this.lineEnds : this.lineEnds + 1;
    const ranges = this.notPlain;
    const n = ranges.length;
    if (n > 0 && (ranges[n - 1] as number) >= firstLine - 1) ranges[n - 1] = lastLine;
    else ranges.push(firstLine, lastLine);
  }

  /** Whether line `line` is plain; each call asks about a line after the last one asked about. */
  plain(line: number): boolean {
    // Lines counted by \n are not csv-parse's records when a lone \r may end them.
    if (this.ends === 'none') return false;
    const ranges = this.notPlain;
    while (this.next < ranges.length && (ranges[this.next + 1] as number) < line) this.next += 2;
    return this.next === ranges.length || line < (ranges[this.next] as number);
  }
}
