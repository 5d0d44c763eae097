import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  type PDFObject,
  PDFStream,
  PDFString,
} from 'pdf-lib';
import { xmlText } from '../xml.js';
import { addListBodies, markArtifacts, spellOutLigatures } from './structure.js';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: string[];
  creator: string;
  lang: string;
  /** Both the creation and modification dates: fixed, so the same inputs give the same bytes. */
  date: Date;
}

const NODE_ID = /^node(\d+)$/;

/** Calls `visit` on every string in an object, however deep, with a way to replace it. */
function eachString(
  object: PDFObject,
  visit: (text: string, replace: (next: PDFString) => void) => void,
): void {
  if (object instanceof PDFStream) {
    eachString(object.dict, visit);
  } else if (object instanceof PDFDict) {
    for (const [key, value] of object.entries()) {
      if (value instanceof PDFString) visit(value.asString(), (next) => object.set(key, next));
      else eachString(value, visit);
    }
  } else if (object instanceof PDFArray) {
    for (let i = 0; i < object.size(); i++) {
      const value = object.get(i);
      if (value instanceof PDFString) visit(value.asString(), (next) => object.set(i, next));
      else eachString(value, visit);
    }
  }
}

/**
 * Chromium names tagged elements after its DOM node ids (`/ID (node00000058)`, in the
 * structure tree, its /IDTree and table cells' /Headers). Those ids count every node the
 * browser made before, so the same report printed after another in a batch came out with
 * different bytes. Renumbered from 1 in their own order (same width, so the sorted /IDTree
 * stays sorted), a document's bytes depend on the document alone.
 */
export function renumberStructureIds(doc: PDFDocument): number {
  const objects = doc.context.enumerateIndirectObjects().map(([, object]) => object);
  const seen = new Set<number>();
  for (const object of objects)
    eachString(object, (text) => {
      const m = NODE_ID.exec(text);
      if (m) seen.add(Number(m[1]));
    });
  const order = [...seen].sort((a, b) => a - b);
  const next = new Map(order.map((n, i) => [n, i + 1]));
  const width = Math.max(8, String(order.length).length);
  for (const object of objects)
    eachString(object, (text, replace) => {
      const m = NODE_ID.exec(text);
      if (m) replace(PDFString.of(`node${String(next.get(Number(m[1]))).padStart(width, '0')}`));
    });
  return order.length;
}

const squeeze = (text: string) => text.replace(/\s+/g, '').toLowerCase();

/**
 * Chromium builds the outline from headings as laid out: a heading that wraps loses the space
 * at the line break ("therapyacross") and one in capitals by CSS comes out in capitals. Each
 * bookmark whose letters match the next heading's is given that heading's text as written;
 * any other is left alone.
 */
export function repairOutline(doc: PDFDocument, headings: readonly string[]): number {
  const outlines = doc.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  if (!outlines) return 0;
  let next = 0;
  let repaired = 0;
  const visit = (item: PDFDict | undefined): void => {
    for (let entry = item; entry; entry = entry.lookupMaybe(PDFName.of('Next'), PDFDict)) {
      const title = entry.lookup(PDFName.of('Title'));
      const text =
        title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : undefined;
      if (text !== undefined) {
        const at = headings.findIndex((h, i) => i >= next && squeeze(h) === squeeze(text));
        if (at >= 0) {
          next = at + 1;
          const heading = headings[at] as string;
          if (heading !== text) {
            entry.set(PDFName.of('Title'), PDFHexString.fromText(heading));
            repaired++;
          }
        }
      }
      visit(entry.lookupMaybe(PDFName.of('First'), PDFDict));
    }
  };
  visit(outlines.lookupMaybe(PDFName.of('First'), PDFDict));
  return repaired;
}

/** An ISO 8601 date as XMP writes it, to the second, in UTC: the same instant as the Info dates. */
const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * The XMP metadata packet PDF/UA-1 requires (ISO 14289-1 §5, §7.1): the title, and the claim
 * `pdfuaid:part 1`, beside the same author, subject, keywords and dates as the Info dictionary.
 * No instance or document id: those are random in most tools, and the same inputs must give the
 * same bytes.
 */
export function xmpPacket(meta: PdfMetadata): string {
  const alt = (text: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${xmlText(text)}</rdf:li></rdf:Alt>`;
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '  <rdf:Description rdf:about=""',
    '    xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"',
    '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"',
    '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    '   <dc:format>application/pdf</dc:format>',
    `   <dc:title>${alt(meta.title)}</dc:title>`,
    `   <dc:creator><rdf:Seq><rdf:li>${xmlText(meta.author)}</rdf:li></rdf:Seq></dc:creator>`,
    `   <dc:description>${alt(meta.subject)}</dc:description>`,
    `   <dc:language><rdf:Bag><rdf:li>${xmlText(meta.lang)}</rdf:li></rdf:Bag></dc:language>`,
    `   <pdf:Keywords>${xmlText(meta.keywords.join(', '))}</pdf:Keywords>`,
    `   <pdf:Producer>${xmlText(meta.creator)}</pdf:Producer>`,
    `   <xmp:CreatorTool>${xmlText(meta.creator)}</xmp:CreatorTool>`,
    `   <xmp:CreateDate>${xmpDate(meta.date)}</xmp:CreateDate>`,
    `   <xmp:ModifyDate>${xmpDate(meta.date)}</xmp:ModifyDate>`,
    `   <xmp:MetadataDate>${xmpDate(meta.date)}</xmp:MetadataDate>`,
    '   <pdfuaid:part>1</pdfuaid:part>',
    '  </rdf:Description>',
    ' </rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/**
 * Rewrites the document information and dates (pdf-lib), keeping Chromium's tags and outline,
 * makes the structure ids independent of what the browser printed before, and, given the
 * document's headings, mends the outline's titles. Then what PDF/UA-1 needs and Chromium does
 * not give: XMP metadata, artifacts for untagged painting, an /LBody in each list item, ligatures
 * that read as their letters.
 */
export async function sealMetadata(
  pdf: Uint8Array,
  meta: PdfMetadata,
  headings: readonly string[] = [],
): Promise<Uint8Array> {
  // pdf-lib yields to the event loop every 50 objects by default (a timer each, a millisecond
  // or more): a report's few thousand objects are read and written in one go instead.
  const doc = await PDFDocument.load(pdf, { updateMetadata: false, parseSpeed: Number.POSITIVE_INFINITY });
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords(meta.keywords);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.creator);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.catalog.set(PDFName.of('Lang'), PDFString.of(meta.lang));
  // Uncompressed, as XMP is meant to be found by tools that do not parse PDF.
  const xmp = doc.context.stream(new TextEncoder().encode(xmpPacket(meta)), {
    Type: 'Metadata',
    Subtype: 'XML',
  });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(xmp));
  renumberStructureIds(doc);
  repairOutline(doc, headings);
  markArtifacts(doc);
  addListBodies(doc);
  spellOutLigatures(doc);
  // Annotations are visited in structure order (PDF/UA-1 7.18.3), should a page ever have any.
  for (const page of doc.getPages())
    if (page.node.has(PDFName.of('Annots'))) page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
  return doc.save({ useObjectStreams: false, objectsPerTick: Number.POSITIVE_INFINITY });
}
