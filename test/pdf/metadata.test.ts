import { PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { renumberStructureIds, repairOutline, sealMetadata, xmpPacket } from '../../src/pdf/metadata.js';

/** A document with structure elements named as Chromium names them, after its DOM node ids. */
async function documentWithIds(ids: number[]): Promise<PDFDocument> {
  const doc = await PDFDocument.create();
  doc.addPage();
  const name = (n: number) => PDFString.of(`node${String(n).padStart(8, '0')}`);
  const elements = ids.map((n) => doc.context.obj({ Type: 'StructElem', S: 'TH', ID: name(n) }));
  const headers = doc.context.obj({ Type: 'StructElem', S: 'TD', Headers: [name(ids[0] ?? 0)] });
  const refs = [...elements, headers].map((e) => doc.context.register(e));
  doc.catalog.set(PDFName.of('Test'), doc.context.obj(refs));
  return doc;
}

const strings = (doc: PDFDocument) =>
  doc.context
    .enumerateIndirectObjects()
    .flatMap(([, o]) => String(o).match(/\(node\d+\)/g) ?? [])
    .sort();

describe('renumberStructureIds', () => {
  it('numbers node ids from 1 in their own order, wherever they appear', async () => {
    const doc = await documentWithIds([67, 58, 120]);
    expect(renumberStructureIds(doc)).toBe(3);
    // 58 → 1, 67 → 2, 120 → 3; the /Headers reference to 67 follows its element.
    expect(strings(doc)).toEqual(['(node00000001)', '(node00000002)', '(node00000002)', '(node00000003)']);
  });

  it('gives the same bytes whatever the browser counted before', async () => {
    const a = await documentWithIds([58, 59, 67]);
    const b = await documentWithIds([1058, 1059, 1067]);
    renumberStructureIds(a);
    renumberStructureIds(b);
    const save = (d: PDFDocument) => d.save({ useObjectStreams: false, updateFieldAppearances: false });
    // pdf-lib writes the creation date it was given; fix both to compare the rest.
    for (const d of [a, b]) {
      d.setCreationDate(new Date(0));
      d.setModificationDate(new Date(0));
      d.setProducer('p');
      d.setCreator('c');
    }
    expect(Buffer.from(await save(a)).equals(Buffer.from(await save(b)))).toBe(true);
  });
});

describe('sealMetadata', () => {
  it('writes title, author, subject, keywords, language and both dates', async () => {
    const source = await PDFDocument.create();
    source.addPage();
    const sealed = await sealMetadata(await source.save(), {
      title: 'Fund: Grant — impact report, 2024',
      author: 'A Charity',
      subject: 'Outcomes',
      keywords: ['impact report', 'PIRGAS'],
      creator: 'impact-report 0.1.0',
      lang: 'en-GB',
      date: new Date('2025-01-01T00:00:00Z'),
    });
    const doc = await PDFDocument.load(sealed, { updateMetadata: false });
    expect(doc.getTitle()).toBe('Fund: Grant — impact report, 2024');
    expect(doc.getAuthor()).toBe('A Charity');
    expect(doc.getSubject()).toBe('Outcomes');
    expect(doc.getKeywords()).toBe('impact report PIRGAS');
    expect(doc.getCreationDate()?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(doc.getModificationDate()?.toISOString()).toBe('2025-01-01T00:00:00.000Z');
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe('(en-GB)');
    expect(doc.catalog.get(PDFName.of('Test'))).toBeUndefined();
    // PDF/UA-1: an XMP stream with the title and the claim, and the title shown by viewers.
    const xmp = doc.catalog.lookup(PDFName.of('Metadata'));
    if (!(xmp instanceof PDFRawStream)) throw new Error('no XMP stream');
    expect(String(xmp.dict.get(PDFName.of('Subtype')))).toBe('/XML');
    const packet = Buffer.from(xmp.getContents()).toString('utf8');
    expect(packet).toContain(
      '<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Fund: Grant — impact report, 2024',
    );
    expect(packet).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(packet).toContain('<xmp:CreateDate>2025-01-01T00:00:00Z</xmp:CreateDate>');
    const prefs = doc.catalog.lookup(PDFName.of('ViewerPreferences'), PDFDict);
    expect(String(prefs.get(PDFName.of('DisplayDocTitle')))).toBe('true');
  });
});

describe('xmpPacket', () => {
  const meta = {
    title: 'Fish & Chips <Fund>: "Grant"',
    author: 'A & B',
    subject: 's',
    keywords: ['a', 'b'],
    creator: 'impact-report 0.1.0',
    lang: 'en-GB',
    date: new Date('2024-06-30T12:34:56.789Z'),
  };

  it('escapes what the user wrote, so the packet stays well-formed XML', () => {
    const packet = xmpPacket(meta);
    expect(packet).toContain('Fish &amp; Chips &lt;Fund&gt;: &quot;Grant&quot;');
    expect(packet).toContain('<rdf:li>A &amp; B</rdf:li>');
    expect(packet).not.toMatch(/&(?!amp;|lt;|gt;|quot;)/);
  });

  it('depends on the inputs alone: no random ids, dates to the second from the one given', () => {
    expect(xmpPacket(meta)).toBe(xmpPacket({ ...meta }));
    expect(xmpPacket(meta)).not.toMatch(/InstanceID|DocumentID|uuid/i);
    expect(xmpPacket(meta).match(/2024-06-30T12:34:56Z/g)?.length).toBe(3);
  });
});

describe('repairOutline', () => {
  /** An outline of flat bookmarks with these titles, as Chromium might write them. */
  async function withOutline(titles: string[]): Promise<PDFDocument> {
    const doc = await PDFDocument.create();
    const refs = titles.map(() => doc.context.nextRef());
    const root = doc.context.register(doc.context.obj({ Type: 'Outlines', First: refs[0] ?? null }));
    titles.forEach((title, i) => {
      const item = doc.context.obj({ Title: PDFString.of(title), Parent: root });
      if (refs[i + 1]) item.set(PDFName.of('Next'), refs[i + 1] as ReturnType<typeof doc.context.nextRef>);
      doc.context.assign(refs[i] as ReturnType<typeof doc.context.nextRef>, item);
    });
    doc.catalog.set(PDFName.of('Outlines'), root);
    return doc;
  }
  const titles = (doc: PDFDocument) => {
    const out: string[] = [];
    let item = doc.catalog.lookup(PDFName.of('Outlines'), PDFDict).lookupMaybe(PDFName.of('First'), PDFDict);
    for (; item; item = item.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const t = item.lookup(PDFName.of('Title'));
      out.push(t instanceof PDFString || t instanceof PDFHexString ? t.decodeText() : '?');
    }
    return out;
  };

  it('restores the spaces lost at line breaks and the case changed by CSS', async () => {
    const doc = await withOutline([
      'Growing together acrossOxfordshire',
      'AT A GLANCE',
      'Outcomes',
      'Something else',
    ]);
    expect(repairOutline(doc, ['Growing together across Oxfordshire', 'At a glance', 'Outcomes'])).toBe(2);
    expect(titles(doc)).toEqual([
      'Growing together across Oxfordshire',
      'At a glance',
      'Outcomes',
      'Something else',
    ]);
  });

  it('leaves a bookmark alone when its letters are not the next heading’s', async () => {
    const doc = await withOutline(['OutcomesOutcomes']);
    expect(repairOutline(doc, ['Outcomes'])).toBe(0);
    expect(titles(doc)).toEqual(['OutcomesOutcomes']);
  });
});
