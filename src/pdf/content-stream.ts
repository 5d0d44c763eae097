/**
 * A PDF content stream read as operations (ISO 32000-1 §7.8.2), and the one rewrite the
 * accessibility pass needs: every painting operation outside marked content wrapped in
 * `/Artifact BMC … EMC`. Bytes are kept as they were; only the wrappers are inserted.
 */

export type Operand =
  | { type: 'number'; value: number }
  | { type: 'name'; value: string }
  | { type: 'string'; bytes: Uint8Array }
  | { type: 'keyword'; value: string }
  | { type: 'array'; items: Operand[] }
  | { type: 'dict'; entries: Map<string, Operand> };

export interface Operation {
  operator: string;
  operands: Operand[];
  /** Byte offset of its first operand (or of the operator when it has none). */
  start: number;
  /** Byte offset just after the operator (after `EI` for an inline image). */
  end: number;
}

/** Byte classes (§7.2.2), as a table: content streams run to megabytes of chart paths. */
const CLASS = new Uint8Array(256).fill(0); // 0 regular, 1 white space, 2 delimiter
for (const b of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[b] = 1;
for (const b of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[b] = 2;
const isWhite = (b: number) => CLASS[b] === 1;
const isRegular = (b: number | undefined) => b !== undefined && CLASS[b] === 0;
const isDigit = (b: number | undefined) => b !== undefined && b >= 0x30 && b <= 0x39;
const KEYWORDS = new Set(['true', 'false', 'null']);

/** A bracket, one shared object each: the reader allocates nothing for them. */
interface Bracket {
  readonly bracket: '[' | '<<' | ']' | '>>';
}
const OPEN_ARRAY: Bracket = { bracket: '[' };
const CLOSE_ARRAY: Bracket = { bracket: ']' };
const OPEN_DICT: Bracket = { bracket: '<<' };
const CLOSE_DICT: Bracket = { bracket: '>>' };
type Token = Operand | Bracket;
const isBracket = (token: Token): token is Bracket => 'bracket' in token;
const opens = (token: Bracket) => token.bracket === '[' || token.bracket === '<<';

class Reader {
  pos = 0;
  constructor(readonly bytes: Uint8Array) {}

  skipSpace(): void {
    const { bytes } = this;
    while (this.pos < bytes.length) {
      const b = bytes[this.pos] as number;
      if (isWhite(b)) this.pos++;
      else if (b === 0x25)
        while (this.pos < bytes.length && bytes[this.pos] !== 0x0a && bytes[this.pos] !== 0x0d) this.pos++;
      else break;
    }
  }

  regular(): string {
    const from = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    let text = '';
    for (let i = from; i < this.pos; i++) text += String.fromCharCode(this.bytes[i] as number);
    return text;
  }

  /** A number, read from the bytes directly (content streams are mostly numbers). */
  number(): Operand | undefined {
    const { bytes } = this;
    let i = this.pos;
    let sign = 1;
    if (bytes[i] === 0x2d || bytes[i] === 0x2b) {
      if (bytes[i] === 0x2d) sign = -1;
      i++;
    }
    let value = 0;
    let digits = 0;
    while ((bytes[i] ?? 0) >= 0x30 && (bytes[i] ?? 0) <= 0x39) {
      value = value * 10 + ((bytes[i] as number) - 0x30);
      i++;
      digits++;
    }
    if (bytes[i] === 0x2e) {
      i++;
      let scale = 0.1;
      while ((bytes[i] ?? 0) >= 0x30 && (bytes[i] ?? 0) <= 0x39) {
        value += ((bytes[i] as number) - 0x30) * scale;
        scale /= 10;
        i++;
        digits++;
      }
    }
    if (digits === 0 || isRegular(bytes[i])) return undefined;
    this.pos = i;
    return { type: 'number', value: sign * value };
  }

  literalString(): Uint8Array {
    const { bytes } = this;
    const out: number[] = [];
    let depth = 0;
    this.pos++; // (
    while (this.pos < bytes.length) {
      const b = bytes[this.pos++] as number;
      if (b === 0x5c) {
        const e = bytes[this.pos++] as number;
        const simple: Record<number, number> = { 110: 10, 114: 13, 116: 9, 98: 8, 102: 12 };
        if (simple[e] !== undefined) out.push(simple[e] as number);
        else if (e >= 0x30 && e <= 0x37) {
          let code = e - 0x30;
          for (let i = 0; i < 2 && (bytes[this.pos] ?? 0) >= 0x30 && (bytes[this.pos] ?? 0) <= 0x37; i++)
            code = code * 8 + ((bytes[this.pos++] as number) - 0x30);
          out.push(code & 0xff);
        } else if (e === 0x0d) {
          if (bytes[this.pos] === 0x0a) this.pos++;
        } else if (e !== 0x0a) out.push(e);
      } else if (b === 0x28) {
        depth++;
        out.push(b);
      } else if (b === 0x29) {
        if (depth === 0) break;
        depth--;
        out.push(b);
      } else out.push(b);
    }
    return Uint8Array.from(out);
  }

  hexString(): Uint8Array {
    const { bytes } = this;
    this.pos++; // <
    let digits = '';
    while (this.pos < bytes.length && bytes[this.pos] !== 0x3e) {
      const b = bytes[this.pos++] as number;
      if (!isWhite(b)) digits += String.fromCharCode(b);
    }
    this.pos++; // >
    if (digits.length % 2) digits += '0';
    const out = new Uint8Array(digits.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16);
    return out;
  }

  /** Steps over a number, a literal string or a hex string, if one is next; says whether it did. */
  skipNumberOrString(): boolean {
    const { bytes } = this;
    const b = bytes[this.pos];
    if (b === 0x28) {
      this.skipLiteralString();
      return true;
    }
    if (b === 0x3c && bytes[this.pos + 1] !== 0x3c) {
      const end = bytes.indexOf(0x3e, this.pos);
      this.pos = end < 0 ? bytes.length : end + 1;
      return true;
    }
    // As number() reads one: a sign, digits, a point, digits; at least one digit, then no regular byte.
    let i = this.pos;
    if (b === 0x2d || b === 0x2b) i++;
    let digits = 0;
    while (isDigit(bytes[i])) {
      i++;
      digits++;
    }
    if (bytes[i] === 0x2e) {
      i++;
      while (isDigit(bytes[i])) {
        i++;
        digits++;
      }
    }
    // Anything else (`1a`, `1.2.3`, a lone `-`) is left to token(), which reads it as a keyword.
    if (digits === 0 || isRegular(bytes[i])) return false;
    this.pos = i;
    return true;
  }

  /** Steps over a literal string (balanced parentheses, backslash escapes) without decoding it. */
  skipLiteralString(): void {
    const { bytes } = this;
    let depth = 0;
    this.pos++; // (
    while (this.pos < bytes.length) {
      const b = bytes[this.pos++] as number;
      if (b === 0x5c) this.pos++;
      else if (b === 0x28) depth++;
      else if (b === 0x29) {
        if (depth === 0) return;
        depth--;
      }
    }
  }

  /** The next token, or undefined at the end; operators come back as keywords. */
  token(): Token | undefined {
    this.skipSpace();
    const { bytes } = this;
    const b = bytes[this.pos];
    if (b === undefined) return undefined;
    if (b === 0x28) return { type: 'string', bytes: this.literalString() };
    if (b === 0x3c) {
      if (bytes[this.pos + 1] === 0x3c) {
        this.pos += 2;
        return OPEN_DICT;
      }
      return { type: 'string', bytes: this.hexString() };
    }
    if (b === 0x3e) {
      this.pos += bytes[this.pos + 1] === 0x3e ? 2 : 1;
      return CLOSE_DICT;
    }
    if (b === 0x5b || b === 0x5d) {
      this.pos++;
      return b === 0x5b ? OPEN_ARRAY : CLOSE_ARRAY;
    }
    if (b === 0x2f) {
      this.pos++;
      const raw = this.regular();
      return {
        type: 'name',
        value: raw.replace(/#([0-9a-fA-F]{2})/g, (_, h: string) =>
          String.fromCharCode(Number.parseInt(h, 16)),
        ),
      };
    }
    if (b === 0x7b || b === 0x7d || b === 0x29) {
      // Braces belong to PostScript calculator functions, never to content: skip them.
      this.pos++;
      return { type: 'keyword', value: String.fromCharCode(b) };
    }
    if (b === 0x2d || b === 0x2b || b === 0x2e || (b >= 0x30 && b <= 0x39)) {
      const number = this.number();
      if (number) return number;
    }
    return { type: 'keyword', value: this.regular() };
  }
}

/** Arrays and dictionaries from the tokens after an opening bracket. */
function compound(reader: Reader, open: Bracket): Operand {
  const items: Operand[] = [];
  for (;;) {
    const token = reader.token();
    if (token === undefined) break;
    if (isBracket(token)) {
      if (!opens(token)) break;
      items.push(compound(reader, token));
    } else items.push(token);
  }
  if (open === OPEN_ARRAY) return { type: 'array', items };
  const entries = new Map<string, Operand>();
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = items[i];
    if (key?.type === 'name') entries.set(key.value, items[i + 1] as Operand);
  }
  return { type: 'dict', entries };
}

/** The end of an inline image's data: the `EI` that follows white space and is followed by it. */
function inlineImageEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) {
    if (
      bytes[i] === 0x45 &&
      bytes[i + 1] === 0x49 &&
      isWhite(bytes[i - 1] as number) &&
      (i + 2 >= bytes.length || !isRegular(bytes[i + 2]))
    )
      return i + 2;
  }
  return bytes.length;
}

const NO_OPERANDS: Operand[] = [];

/** The operands between `from` and the operator at `to`, read as the full read reads them. */
function operandsBetween(bytes: Uint8Array, from: number, to: number): Operand[] {
  const reader = new Reader(bytes.subarray(0, to));
  reader.pos = from;
  const operands: Operand[] = [];
  for (let token = reader.token(); token !== undefined; token = reader.token()) {
    if (!isBracket(token)) operands.push(token);
    else if (opens(token)) operands.push(compound(reader, token));
  }
  return operands;
}

/**
 * Every operation of a content stream, in order, with where its bytes are. With
 * `markedContentOnly`, only marked-content operators (BMC, BDC) and inline images keep their
 * operands, and the numbers and strings of the rest (most of a stream) are stepped over without
 * being made into objects: all the artifact pass needs, in a fraction of the time.
 */
export function parseContentStream(bytes: Uint8Array, { markedContentOnly = false } = {}): Operation[] {
  const reader = new Reader(bytes);
  const operations: Operation[] = [];
  let operands: Operand[] = [];
  let start = -1;
  for (;;) {
    reader.skipSpace();
    const at = reader.pos;
    if (markedContentOnly && reader.skipNumberOrString()) {
      if (start < 0) start = at;
      continue;
    }
    const token = reader.token();
    if (token === undefined) break;
    if (start < 0) start = at;
    if (isBracket(token)) {
      if (opens(token)) operands.push(compound(reader, token));
    } else if (token.type === 'keyword' && !KEYWORDS.has(token.value)) {
      const operator = token.value;
      if (operator === 'BI') {
        // BI <key value>… ID <data> EI: one operation, its dictionary as the operand.
        const dict: Operand[] = [];
        for (;;) {
          const t = reader.token();
          if (t === undefined || (!isBracket(t) && t.type === 'keyword' && t.value === 'ID')) break;
          if (!isBracket(t)) dict.push(t);
        }
        reader.pos = inlineImageEnd(bytes, reader.pos + 1);
        operations.push({ operator: 'BI', operands: dict, start, end: reader.pos });
      } else if (!markedContentOnly) operations.push({ operator, operands, start, end: reader.pos });
      else {
        // The few marked-content operators have their operands read again, whole.
        const marked = operator === 'BMC' || operator === 'BDC';
        operands = marked ? operandsBetween(bytes, start, at) : NO_OPERANDS;
        operations.push({ operator, operands, start, end: reader.pos });
      }
      operands = [];
      start = -1;
    } else operands.push(token);
  }
  return operations;
}

const PATH_CONSTRUCTION = new Set(['m', 'l', 'c', 'v', 'y', 'h', 're']);
const PATH_END = new Set(['S', 's', 'f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'n']);
const CLIP = new Set(['W', 'W*']);
const TEXT_SHOW = new Set(['Tj', 'TJ', "'", '"']);
/** Operators that put marks on the page by themselves (a path's mark is made by its end). */
const MARKING = new Set([...TEXT_SHOW, 'Do', 'sh', 'BI']);
/** A marked-content sequence may not cross these, so an artifact closes before them. */
const BOUNDARY = new Set(['q', 'Q', 'BT', 'ET', 'BMC', 'BDC', 'EMC']);

/**
 * The content operations of a stream, each with whether it sits inside marked content: a
 * path object (its construction, clip and end), a text-showing operator, an XObject, a
 * shading or an inline image. Its `tags` are the marked-content tags around it, outermost first.
 */
export interface ContentItem {
  /** Index of the item's first operation and of its last (the path end, or the operator itself). */
  first: number;
  last: number;
  operator: string;
  tags: string[];
  /** The MCID of the innermost marked content that has one, if any. */
  mcid?: number;
}

export function contentItems(operations: readonly Operation[]): ContentItem[] {
  const items: ContentItem[] = [];
  const stack: { tag: string; mcid?: number }[] = [];
  let pathStart = -1;
  operations.forEach((op, i) => {
    const o = op.operator;
    if (o === 'BMC' || o === 'BDC') {
      const tag = op.operands[0]?.type === 'name' ? op.operands[0].value : '?';
      const props = op.operands[1];
      const mcid = props?.type === 'dict' ? props.entries.get('MCID') : undefined;
      stack.push({ tag, mcid: mcid?.type === 'number' ? mcid.value : undefined });
    } else if (o === 'EMC') stack.pop();
    else if (PATH_CONSTRUCTION.has(o) || CLIP.has(o)) {
      if (pathStart < 0) pathStart = i;
    } else if (PATH_END.has(o) || MARKING.has(o)) {
      const first = PATH_END.has(o) && pathStart >= 0 ? pathStart : i;
      const mcid = [...stack].reverse().find((s) => s.mcid !== undefined)?.mcid;
      items.push({ first, last: i, operator: o, tags: stack.map((s) => s.tag), mcid });
      pathStart = -1;
    }
    if (!PATH_CONSTRUCTION.has(o) && !CLIP.has(o)) pathStart = -1;
  });
  return items;
}

const ARTIFACT_OPEN = new TextEncoder().encode('/Artifact BMC\n');
const ARTIFACT_CLOSE = new TextEncoder().encode('\nEMC\n');

/**
 * Wraps each run of content outside marked content in `/Artifact BMC … EMC`: a run ends
 * before anything a marked-content sequence may not straddle (q, Q, BT, ET, marked content).
 * Returns the new bytes and how many artifacts were made (0: the bytes are returned as given).
 */
export function markUntaggedAsArtifacts(bytes: Uint8Array): { bytes: Uint8Array; artifacts: number } {
  const operations = parseContentStream(bytes, { markedContentOnly: true });
  const untagged = contentItems(operations).filter((item) => item.tags.length === 0);
  if (untagged.length === 0) return { bytes, artifacts: 0 };
  // Runs of untagged items with no boundary operator between them.
  const runs: { first: number; last: number }[] = [];
  for (const item of untagged) {
    const run = runs[runs.length - 1];
    const joined =
      run !== undefined &&
      !operations.slice(run.last + 1, item.first).some((op) => BOUNDARY.has(op.operator));
    if (run && joined) run.last = item.last;
    else runs.push({ first: item.first, last: item.last });
  }
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const run of runs) {
    const from = (operations[run.first] as Operation).start;
    const to = (operations[run.last] as Operation).end;
    parts.push(bytes.subarray(at, from), ARTIFACT_OPEN, bytes.subarray(from, to), ARTIFACT_CLOSE);
    at = to;
  }
  parts.push(bytes.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return { bytes: out, artifacts: runs.length };
}
