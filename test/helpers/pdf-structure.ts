/**
 * Reads a PDF's accessibility structure back the way a PDF/UA-1 checker does (the machine
 * checks of the Matterhorn protocol that concern this tool): the catalog's metadata, language
 * and viewer preferences, the structure tree's shape, and every painting operator of every page
 * (and of the form XObjects they draw) tagged or marked as an artifact. It also gives each
 * structure element's text as a screen reader would get it, from the fonts' ToUnicode maps.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { contentItems, type Operand, parseContentStream } from '../../src/pdf/content-stream.js';

/** ISO 32000-1 §14.8.4 standard structure types: anything else needs a /RoleMap entry. */
const STANDARD = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 ' +
    'L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot ' +
    'Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);
/** Structure types whose children are fixed (ISO 32000-1 §14.8.4.3, Matterhorn 09-004, 09-005). */
const ALLOWED_KIDS: Record<string, Set<string>> = {
  Table: new Set(['TR', 'THead', 'TBody', 'TFoot', 'Caption']),
  THead: new Set(['TR']),
  TBody: new Set(['TR']),
  TFoot: new Set(['TR']),
  TR: new Set(['TH', 'TD']),
  L: new Set(['LI', 'L', 'Caption']),
  LI: new Set(['Lbl', 'LBody']),
};

const text = (o: PDFObject | undefined) =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : undefined;
const deref = (doc: PDFDocument, o: PDFObject | undefined) =>
  o instanceof PDFRef ? doc.context.lookup(o) : o;
const streamBytes = (s: PDFObject | undefined): Uint8Array =>
  s instanceof PDFRawStream
    ? decodePDFRawStream(s).decode()
    : s instanceof PDFStream
      ? s.getContents()
      : new Uint8Array();

export interface StructElement {
  type: string;
  /** Alt or ActualText, if any. */
  alt?: string;
  actualText?: string;
  /** The element's text, its own marked content and its descendants', in order. */
  text: string;
  kids: StructElement[];
}

export interface PdfUaReport {
  failures: string[];
  /** Painting operators per page: how many there are and how many are artifacts. */
  pages: { items: number; artifacts: number; tagged: number }[];
  tree: StructElement | undefined;
  metadata: string;
}

/** A font's codes → Unicode, from its ToUnicode CMap (bfchar and bfrange). */
function toUnicodeMap(doc: PDFDocument, font: PDFDict): { bytes: number; map: Map<number, string> } {
  const map = new Map<number, string>();
  const bytes = font.get(PDFName.of('Subtype'))?.toString() === '/Type0' ? 2 : 1;
  const cmap = deref(doc, font.get(PDFName.of('ToUnicode')));
  if (!(cmap instanceof PDFStream)) return { bytes, map };
  const source = Buffer.from(streamBytes(cmap)).toString('latin1');
  const hex = (h: string) => Number.parseInt(h, 16);
  const utf16 = (h: string) => {
    const units: number[] = [];
    for (let i = 0; i + 3 < h.length; i += 4) units.push(hex(h.slice(i, i + 4)));
    return String.fromCharCode(...units);
  };
  for (const block of source.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
    for (const m of (block[1] ?? '').matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
      map.set(hex(m[1] as string), utf16(m[2] as string));
  for (const block of source.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
    for (const m of (block[1] ?? '').matchAll(
      /<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g,
    )) {
      const lo = hex(m[1] as string);
      const hi = hex(m[2] as string);
      const dst = m[3] as string;
      if (dst.startsWith('[')) {
        const list = [...dst.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => utf16(x[1] as string));
        for (let c = lo; c <= hi; c++) map.set(c, list[c - lo] ?? '');
      } else {
        const base = dst.slice(1, -1);
        const last = hex(base.slice(-4));
        for (let c = lo; c <= hi; c++)
          map.set(c, utf16(base.slice(0, -4)) + String.fromCharCode(last + c - lo));
      }
    }
  return { bytes, map };
}

function decodeShown(
  operands: Operand[],
  font: { bytes: number; map: Map<number, string> } | undefined,
): string {
  const strings: Uint8Array[] = [];
  const collect = (o: Operand) => {
    if (o.type === 'string') strings.push(o.bytes);
    else if (o.type === 'array') o.items.forEach(collect);
  };
  operands.forEach(collect);
  let out = '';
  for (const s of strings)
    for (let i = 0; i + (font?.bytes ?? 1) <= s.length; i += font?.bytes ?? 1) {
      const code = font?.bytes === 2 ? ((s[i] as number) << 8) | (s[i + 1] as number) : (s[i] as number);
      out += font?.map.get(code) ?? '\uFFFD';
    }
  return out;
}

/** Checks one PDF; `failures` is empty when it passes. */
export async function checkPdfUa(pdf: Uint8Array): Promise<PdfUaReport> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const failures: string[] = [];
  const perCheck = new Map<string, number>();
  /** A failure, under its Matterhorn number; past 20 of one check, only the first 20 are kept. */
  const fail = (message: string) => {
    const check = message.split(':')[0] ?? '';
    const n = (perCheck.get(check) ?? 0) + 1;
    perCheck.set(check, n);
    if (n <= 20) failures.push(message);
  };
  const catalog = doc.catalog;

  // Metadata (Matterhorn 06-001..003, 07-001, 11-001).
  const metadataStream = deref(doc, catalog.get(PDFName.of('Metadata')));
  let metadata = '';
  if (!(metadataStream instanceof PDFStream)) fail('06-001: the catalog has no /Metadata stream');
  else {
    metadata = Buffer.from(streamBytes(metadataStream)).toString('utf8');
    if (metadataStream.dict.get(PDFName.of('Subtype'))?.toString() !== '/XML')
      fail('06-001: /Metadata is not /Subtype /XML');
    if (!/pdfuaid:part(="1"|>\s*1\s*<)/.test(metadata))
      fail('06-002: the XMP metadata has no pdfuaid:part 1');
    if (!/<dc:title>[\s\S]*?<rdf:li[^>]*>[^<]+<\/rdf:li>/.test(metadata))
      fail('06-003: the XMP metadata has no dc:title');
  }
  const prefs = deref(doc, catalog.get(PDFName.of('ViewerPreferences')));
  const display = prefs instanceof PDFDict ? prefs.get(PDFName.of('DisplayDocTitle')) : undefined;
  if (!(display instanceof PDFBool && display.asBoolean()))
    fail('07-001: ViewerPreferences has no DisplayDocTitle true');
  if (!text(deref(doc, catalog.get(PDFName.of('Lang'))))) fail('11-001: the catalog has no /Lang');
  const markInfo = deref(doc, catalog.get(PDFName.of('MarkInfo')));
  const marked = markInfo instanceof PDFDict ? markInfo.get(PDFName.of('Marked')) : undefined;
  if (!(marked instanceof PDFBool && marked.asBoolean())) fail('01-001: MarkInfo /Marked is not true');
  const suspects = markInfo instanceof PDFDict ? markInfo.get(PDFName.of('Suspects')) : undefined;
  if (suspects instanceof PDFBool && suspects.asBoolean()) fail('01-002: MarkInfo /Suspects is true');

  // Content (Matterhorn 01-003..005): every painting operator tagged or an artifact, never both.
  const pageRefs = doc.getPages().map((p) => p.ref);
  const mcidText = new Map<string, string>(); // "page:mcid" → text
  const tagged = new Set<string>();
  const pages: PdfUaReport['pages'] = [];
  doc.getPages().forEach((page, index) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => deref(doc, r)) : [contents];
    const bytes = streams.map(streamBytes);
    const joined = new Uint8Array(bytes.reduce((n, b) => n + b.length + 1, 0));
    let offset = 0;
    for (const b of bytes) {
      joined.set(b, offset);
      joined[offset + b.length] = 0x0a;
      offset += b.length + 1;
    }
    const resources = page.node.Resources();
    const fonts = resources?.lookupMaybe(PDFName.of('Font'), PDFDict);
    const xobjects = resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const fontMaps = new Map<string, ReturnType<typeof toUnicodeMap>>();
    const stats = { items: 0, artifacts: 0, tagged: 0 };
    const visit = (
      content: Uint8Array,
      outer: string[],
      outerMcid: number | undefined,
      where: string,
      depth: number,
    ) => {
      const operations = parseContentStream(content);
      let font: ReturnType<typeof toUnicodeMap> | undefined;
      const items = contentItems(operations);
      let opIndex = 0;
      for (const item of items) {
        for (; opIndex <= item.last; opIndex++) {
          const op = operations[opIndex];
          if (op?.operator === 'Tf' && op.operands[0]?.type === 'name') {
            const name = op.operands[0].value;
            if (!fontMaps.has(name)) {
              const f = fonts?.lookupMaybe(PDFName.of(name), PDFDict);
              if (f) fontMaps.set(name, toUnicodeMap(doc, f));
            }
            font = fontMaps.get(name);
          }
        }
        const tags = [...outer, ...item.tags];
        const mcid = item.mcid ?? outerMcid;
        if (item.operator === 'n') continue; // a clip alone paints nothing
        stats.items++;
        const artifact = tags.indexOf('Artifact');
        if (tags.length === 0) {
          fail(`01-005: page ${index + 1}${where}: "${item.operator}" is neither tagged nor an artifact`);
          continue;
        }
        if (artifact >= 0) {
          stats.artifacts++;
          if (artifact > 0 && mcid !== undefined)
            fail(`01-003: page ${index + 1}${where}: an artifact inside tagged content (MCID ${mcid})`);
          if (item.mcid !== undefined && artifact < tags.length - 1)
            fail(`01-004: page ${index + 1}${where}: tagged content inside an artifact`);
        } else {
          stats.tagged++;
          if (mcid === undefined) fail(`01-005: page ${index + 1}${where}: marked content without an MCID`);
          else {
            const key = `${index}:${mcid}`;
            tagged.add(key);
            if (['Tj', 'TJ', "'", '"'].includes(item.operator)) {
              const op = operations[item.last];
              mcidText.set(key, (mcidText.get(key) ?? '') + decodeShown(op?.operands ?? [], font));
            }
          }
        }
        if (item.operator === 'Do' && depth < 4) {
          const op = operations[item.last];
          const name = op?.operands[0]?.type === 'name' ? op.operands[0].value : '';
          const xobject = deref(doc, xobjects?.get(PDFName.of(name)));
          if (xobject instanceof PDFStream && xobject.dict.get(PDFName.of('Subtype'))?.toString() === '/Form')
            visit(streamBytes(xobject), tags, mcid, ` (form ${name})`, depth + 1);
        }
      }
    };
    visit(joined, [], undefined, '', 0);
    pages.push(stats);
  });

  // Fonts embedded (Matterhorn 31-001).
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/FontDescriptor')
      continue;
    if (!['FontFile', 'FontFile2', 'FontFile3'].some((k) => object.get(PDFName.of(k))))
      fail(`31-001: the font ${object.get(PDFName.of('FontName'))?.toString()} is not embedded`);
  }

  // The structure tree (Matterhorn 01-006, 02-001, 09-004, 09-005, 13-004).
  const root = deref(doc, catalog.get(PDFName.of('StructTreeRoot')));
  let tree: StructElement | undefined;
  const referenced = new Set<string>();
  /** Which structure element holds each page:MCID, to check the parent tree against. */
  const owners = new Map<string, PDFDict>();
  if (!(root instanceof PDFDict)) fail('01-006: there is no structure tree');
  else {
    const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict);
    const pageIndex = (ref: PDFObject | undefined) =>
      pageRefs.findIndex((r) => ref instanceof PDFRef && r === ref);
    const build = (dict: PDFDict, pageOf: number, parent: string, depth: number): StructElement => {
      const rawType = dict.get(PDFName.of('S'))?.toString().slice(1) ?? '?';
      const mapped = roleMap?.get(PDFName.of(rawType))?.toString().slice(1);
      const type = STANDARD.has(rawType) ? rawType : (mapped ?? rawType);
      if (!STANDARD.has(type)) fail(`02-001: /${rawType} is neither standard nor role-mapped`);
      const ownPage = dict.has(PDFName.of('Pg')) ? pageIndex(dict.get(PDFName.of('Pg'))) : pageOf;
      const element: StructElement = {
        type,
        alt: text(deref(doc, dict.get(PDFName.of('Alt')))),
        actualText: text(deref(doc, dict.get(PDFName.of('ActualText')))),
        text: '',
        kids: [],
      };
      const k = deref(doc, dict.get(PDFName.of('K')));
      const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
      const allowed = ALLOWED_KIDS[type];
      for (const raw of kids) {
        const kid = deref(doc, raw);
        if (
          kid instanceof PDFNumber ||
          (kid instanceof PDFDict && kid.get(PDFName.of('Type'))?.toString() === '/MCR')
        ) {
          const mcid =
            kid instanceof PDFNumber ? kid.asNumber() : (kid.get(PDFName.of('MCID')) as PDFNumber).asNumber();
          const p =
            kid instanceof PDFDict && kid.has(PDFName.of('Pg'))
              ? pageIndex(kid.get(PDFName.of('Pg')))
              : ownPage;
          referenced.add(`${p}:${mcid}`);
          owners.set(`${p}:${mcid}`, dict);
          element.text += mcidText.get(`${p}:${mcid}`) ?? '';
          if (allowed)
            fail(
              `${type === 'LI' ? '09-005' : '09-004'}: marked content directly in /${type} (under /${parent})`,
            );
        } else if (kid instanceof PDFDict && kid.get(PDFName.of('Type'))?.toString() === '/OBJR') {
          // An annotation's object reference: nothing to read.
        } else if (kid instanceof PDFDict) {
          const child = build(kid, ownPage, type, depth + 1);
          if (allowed && !allowed.has(child.type)) fail(`09-00x: /${child.type} inside /${type}`);
          element.kids.push(child);
          element.text += child.actualText ?? child.text;
        }
      }
      if (type === 'Figure' && !element.alt && !element.actualText) fail('13-004: a /Figure has no /Alt');
      if (
        type === 'Table' &&
        !element.kids.some((c) => c.type === 'TR' || c.type === 'THead' || c.type === 'TBody')
      )
        fail('09-004: a /Table has no rows');
      if (depth > 200) throw new Error('structure tree too deep');
      return element;
    };
    const top = deref(doc, root.get(PDFName.of('K')));
    const first = top instanceof PDFArray ? deref(doc, top.get(0)) : top;
    if (first instanceof PDFDict) tree = build(first, -1, 'StructTreeRoot', 0);
    else fail('01-006: the structure tree is empty');
    for (const key of tagged)
      if (!referenced.has(key))
        fail(`01-005: tagged content (page:MCID ${key}) is not in the structure tree`);
    for (const key of referenced)
      if (!tagged.has(key)) fail(`structure tree names MCID ${key}, which no page has`);
    // The parent tree (how a reader goes from content to its element) must agree with the tree.
    const parentTree = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
    const numbers = new Map<number, PDFObject>();
    const collect = (node: PDFDict | undefined) => {
      const nums = node?.lookupMaybe(PDFName.of('Nums'), PDFArray);
      for (let i = 0; nums && i + 1 < nums.size(); i += 2)
        numbers.set((nums.lookup(i) as PDFNumber).asNumber(), nums.get(i + 1));
      const kids = node?.lookupMaybe(PDFName.of('Kids'), PDFArray);
      for (let i = 0; kids && i < kids.size(); i++) collect(kids.lookup(i, PDFDict));
    };
    collect(parentTree);
    doc.getPages().forEach((page, index) => {
      const key = page.node.get(PDFName.of('StructParents'));
      const entry = key instanceof PDFNumber ? deref(doc, numbers.get(key.asNumber())) : undefined;
      for (const [where, owner] of owners) {
        const [p, mcid] = where.split(':').map(Number) as [number, number];
        if (p !== index) continue;
        const listed = entry instanceof PDFArray ? deref(doc, entry.get(mcid)) : undefined;
        if (listed !== owner)
          fail(`the parent tree does not lead from page ${index + 1} MCID ${mcid} to its element`);
      }
    });
  }
  return { failures, pages, tree, metadata };
}

/** Every structure element of a type, depth first. */
export function elementsOf(tree: StructElement | undefined, type: string): StructElement[] {
  if (!tree) return [];
  return [...(tree.type === type ? [tree] : []), ...tree.kids.flatMap((k) => elementsOf(k, type))];
}
