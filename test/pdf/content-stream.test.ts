import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentItems, markUntaggedAsArtifacts, parseContentStream } from '../../src/pdf/content-stream.js';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
const operators = (source: string) => parseContentStream(bytes(source)).map((op) => op.operator);

describe('parseContentStream', () => {
  it('reads operators and their operands, strings and dictionaries included', () => {
    const ops = parseContentStream(
      bytes('q 1 0 0 -1 0 841.9 cm /P <</MCID 3 >>BDC BT /F5 12 Tf (a\\) b) Tj [<0020> -12 (c)] TJ ET EMC Q'),
    );
    expect(ops.map((o) => o.operator)).toEqual(['q', 'cm', 'BDC', 'BT', 'Tf', 'Tj', 'TJ', 'ET', 'EMC', 'Q']);
    const bdc = ops[2];
    expect(bdc?.operands[0]).toEqual({ type: 'name', value: 'P' });
    expect(bdc?.operands[1]?.type === 'dict' && bdc.operands[1].entries.get('MCID')).toEqual({
      type: 'number',
      value: 3,
    });
    const tj = ops[5]?.operands[0];
    expect(tj?.type === 'string' && text(tj.bytes)).toBe('a) b');
    const tjArray = ops[6]?.operands[0];
    expect(tjArray?.type === 'array' && tjArray.items.length).toBe(3);
  });

  it('does not mistake string contents, comments or inline image data for operators', () => {
    expect(operators('(f S Q) Tj % a comment with f\n1 w')).toEqual(['Tj', 'w']);
    expect(operators('BI /W 2 /H 1 /BPC 8 /CS /G ID \x00f Q\xff EI 0 g')).toEqual(['BI', 'g']);
    expect(operators('<48 65>Tj/F1 9 Tf')).toEqual(['Tj', 'Tf']);
  });

  it('knows where each operation starts and ends, so bytes can be inserted between them', () => {
    const source = '  10 20 m 30 40 l S';
    const ops = parseContentStream(bytes(source));
    expect(ops.map((o) => source.slice(o.start, o.end))).toEqual(['10 20 m', '30 40 l', 'S']);
  });
});

describe('parseContentStream, marked content only', () => {
  /** Pieces of content streams, well formed and not: numbers, strings, names, brackets, stray signs and points. */
  const piece = fc.constantFrom(
    ' ',
    '\n',
    '0',
    '12',
    '-3.5',
    '+.5',
    '1.2.3',
    '-',
    '.',
    '1a',
    '(a) ',
    '(a\\) (b) c) ',
    '((x)) ',
    '(\\',
    '<0a1B> ',
    '<',
    '<<',
    '>>',
    '[',
    ']',
    '/P ',
    '/Artifact ',
    '<</MCID 4>> ',
    'BDC ',
    'BMC ',
    'EMC ',
    'q ',
    'Q ',
    'BT ',
    'ET ',
    'm ',
    'l ',
    're ',
    'f ',
    'S ',
    'W ',
    'n ',
    'Tj ',
    'TJ ',
    'cm ',
    '% c\n',
    'BI /W 1 ID x EI ',
    'true ',
  );

  it('finds the same operations, at the same places, as the full read, and the same marked-content operands', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const source = bytes(pieces.join(''));
        const full = parseContentStream(source);
        const lean = parseContentStream(source, { markedContentOnly: true });
        expect(lean.map((o) => [o.operator, o.start, o.end])).toEqual(
          full.map((o) => [o.operator, o.start, o.end]),
        );
        lean.forEach((op, i) => {
          if (op.operator === 'BMC' || op.operator === 'BDC' || op.operator === 'BI')
            expect(op.operands).toEqual(full[i]?.operands);
        });
        expect(contentItems(lean)).toEqual(contentItems(full));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps no operands of other operators', () => {
    const ops = parseContentStream(bytes('/P <</MCID 3>> BDC BT /F1 12 Tf (x) Tj ET EMC'), {
      markedContentOnly: true,
    });
    expect(ops.map((o) => o.operands.length)).toEqual([2, 0, 0, 0, 0, 0]);
  });
});

describe('contentItems', () => {
  it('treats a path as one item, from its first point to the operator that paints it', () => {
    const ops = parseContentStream(bytes('1 0 0 rg 0 0 m 10 10 l h f 0 0 5 5 re W n'));
    const items = contentItems(ops);
    expect(items.map((i) => [i.operator, ops[i.first]?.operator])).toEqual([
      ['f', 'm'],
      ['n', 're'],
    ]);
  });

  it('names the marked content around each item and its MCID', () => {
    const ops = parseContentStream(
      bytes('/P <</MCID 7>> BDC BT (x) Tj ET EMC /Artifact BMC 0 0 1 1 re f EMC 0 0 2 2 re S'),
    );
    expect(contentItems(ops).map((i) => [i.operator, i.tags, i.mcid])).toEqual([
      ['Tj', ['P'], 7],
      ['f', ['Artifact'], undefined],
      ['S', [], undefined],
    ]);
  });
});

describe('markUntaggedAsArtifacts', () => {
  it('wraps untagged painting in artifacts and leaves tagged content as it was', () => {
    const source = 'q 0 0 5 5 re f Q /P <</MCID 0>> BDC BT (a) Tj ET EMC BT (page 1) Tj ET';
    const { bytes: out, artifacts } = markUntaggedAsArtifacts(bytes(source));
    expect(artifacts).toBe(2);
    const result = text(out);
    expect(result).toContain('q /Artifact BMC\n0 0 5 5 re f\nEMC\n Q');
    expect(result).toContain('/P <</MCID 0>> BDC BT (a) Tj ET EMC');
    expect(result).toContain('BT /Artifact BMC\n(page 1) Tj\nEMC\n ET');
    // Everything painted is now inside marked content.
    expect(contentItems(parseContentStream(out)).every((i) => i.tags.length > 0)).toBe(true);
  });

  it('never lets an artifact straddle q/Q, BT/ET or other marked content', () => {
    const source = '0 0 1 1 re f q 0 0 2 2 re f Q 1 0 0 rg 0 0 3 3 re f /Span BMC (x) Tj EMC 0 0 4 4 re f';
    const out = text(markUntaggedAsArtifacts(bytes(source)).bytes);
    // Depth of q and of marked content must never go below zero or cross each other.
    const stack: string[] = [];
    for (const op of parseContentStream(bytes(out))) {
      if (op.operator === 'q' || op.operator === 'BMC' || op.operator === 'BDC') stack.push(op.operator);
      if (op.operator === 'Q') expect(stack.pop()).toBe('q');
      if (op.operator === 'EMC') expect(stack.pop()).toMatch(/^B[MD]C$/);
    }
    expect(stack).toEqual([]);
    expect(out).toContain('/Artifact BMC\n0 0 1 1 re f\nEMC');
    expect(out).toContain('/Artifact BMC\n0 0 3 3 re f\nEMC');
    expect(out.match(/\/Artifact BMC/g)?.length).toBe(4);
  });

  it('puts consecutive untagged paths in one artifact when nothing but state lies between them', () => {
    const out = text(markUntaggedAsArtifacts(bytes('q 0 0 1 1 re f 1 0 0 rg 0 0 2 2 re S Q')).bytes);
    expect(out).toBe('q /Artifact BMC\n0 0 1 1 re f 1 0 0 rg 0 0 2 2 re S\nEMC\n Q');
  });

  it('returns the same bytes when everything is already tagged', () => {
    const source = bytes('/P <</MCID 0>> BDC 0 0 1 1 re f EMC');
    expect(markUntaggedAsArtifacts(source).bytes).toBe(source);
  });
});
