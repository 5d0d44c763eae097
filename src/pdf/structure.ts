import { deflateSync, inflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  type PDFDocument,
  PDFName,
  PDFNumber,
  type PDFObject,
  PDFRawStream,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
import { markUntaggedAsArtifacts } from './content-stream.js';

/**
 * What Chromium's tagged PDF lacks for PDF/UA-1 and the browser cannot be told to do, mended
 * after printing: the running header and footer, @page boxes and other painting outside the
 * structure become artifacts, and each list item's content is put in an /LBody.
 */

const K = PDFName.of('K');
const P = PDFName.of('P');
const S = PDFName.of('S');
const PG = PDFName.of('Pg');

/** A stream's decoded bytes: zlib for plain Flate (Chromium's), pdf-lib for anything else. */
function streamBytes(stream: PDFObject | undefined): Uint8Array | undefined {
  if (!(stream instanceof PDFStream)) return undefined;
  if (!(stream instanceof PDFRawStream)) return stream.getContents();
  const filter = stream.dict.get(PDFName.of('Filter'));
  const flateOnly = filter?.toString() === '/FlateDecode' && !stream.dict.has(PDFName.of('DecodeParms'));
  return flateOnly ? inflateSync(stream.contents) : decodePDFRawStream(stream).decode();
}

const flate = (doc: PDFDocument, bytes: Uint8Array) =>
  doc.context.stream(deflateSync(bytes), { Filter: 'FlateDecode' });

/**
 * Wraps every painting operator outside marked content, on every page, in `/Artifact BMC … EMC`.
 * Chromium tags what the document's elements paint; what it paints for the page itself (the
 * header and footer templates, @page boxes) is left outside, which PDF/UA-1 forbids (7.1).
 */
export function markArtifacts(doc: PDFDocument): number {
  let artifacts = 0;
  for (const page of doc.getPages()) {
    const contents = page.node.get(PDFName.of('Contents'));
    const refs = contents instanceof PDFArray ? contents.asArray() : [contents];
    for (const ref of refs) {
      if (!(ref instanceof PDFRef)) continue;
      const bytes = streamBytes(doc.context.lookup(ref));
      if (!bytes) continue;
      const marked = markUntaggedAsArtifacts(bytes);
      if (marked.artifacts === 0) continue;
      // zlib rather than pdf-lib's deflate in JavaScript: the charts make megabytes of paths.
      doc.context.assign(ref, flate(doc, marked.bytes));
      artifacts += marked.artifacts;
    }
  }
  return artifacts;
}

/** Where each page's marked content is listed in the parent tree: the array for that page. */
function parentTreeArrays(doc: PDFDocument, root: PDFDict): Map<PDFRef, PDFArray> {
  const byKey = new Map<number, PDFArray>();
  const collect = (node: PDFDict | undefined) => {
    const nums = node?.lookupMaybe(PDFName.of('Nums'), PDFArray);
    for (let i = 0; nums && i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i);
      const value = nums.lookup(i + 1);
      if (key instanceof PDFNumber && value instanceof PDFArray) byKey.set(key.asNumber(), value);
    }
    const kids = node?.lookupMaybe(PDFName.of('Kids'), PDFArray);
    for (let i = 0; kids && i < kids.size(); i++) collect(kids.lookupMaybe(i, PDFDict));
  };
  collect(root.lookupMaybe(PDFName.of('ParentTree'), PDFDict));
  const byPage = new Map<PDFRef, PDFArray>();
  for (const page of doc.getPages()) {
    const key = page.node.get(PDFName.of('StructParents'));
    const array = key instanceof PDFNumber ? byKey.get(key.asNumber()) : undefined;
    if (array) byPage.set(page.ref, array);
  }
  return byPage;
}

/**
 * Gives every list item an /LBody holding its content (its /Lbl, if any, stays beside it):
 * PDF/UA-1 allows only Lbl and LBody in an LI, and Chromium puts the content straight in.
 * The parent tree is updated so content still leads to the element that holds it.
 */
export function addListBodies(doc: PDFDocument): number {
  const root = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!root) return 0;
  const parents = parentTreeArrays(doc, root);
  let added = 0;
  const visit = (ref: PDFRef, dict: PDFDict, page: PDFRef | undefined, depth: number): void => {
    if (depth > 256) return;
    const ownPage = dict.get(PG) instanceof PDFRef ? (dict.get(PG) as PDFRef) : page;
    const k = dict.get(K);
    const kids = k instanceof PDFArray ? k.asArray() : k === undefined ? [] : [k];
    if (dict.get(S)?.toString() === '/LI') {
      const type = (kid: PDFObject) => {
        const d = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
        return d instanceof PDFDict ? d.get(S)?.toString() : undefined;
      };
      const labels = kids.filter((kid) => type(kid) === '/Lbl');
      const content = kids.filter((kid) => type(kid) !== '/Lbl');
      if (content.length > 0 && !(content.length === 1 && type(content[0] as PDFObject) === '/LBody')) {
        const body = doc.context.obj({ Type: 'StructElem', S: 'LBody', P: ref, K: content });
        if (ownPage) body.set(PG, ownPage);
        const bodyRef = doc.context.register(body);
        for (const kid of content) {
          const d = kid instanceof PDFRef ? doc.context.lookup(kid) : kid;
          if (kid instanceof PDFNumber) {
            // Marked content on the item's page: its parent tree entry now names the body.
            if (ownPage) parents.get(ownPage)?.set(kid.asNumber(), bodyRef);
          } else if (d instanceof PDFDict && d.get(PDFName.of('Type'))?.toString() === '/MCR') {
            const mcrPage = d.get(PG) instanceof PDFRef ? (d.get(PG) as PDFRef) : ownPage;
            const mcid = d.get(PDFName.of('MCID'));
            if (mcrPage && mcid instanceof PDFNumber) parents.get(mcrPage)?.set(mcid.asNumber(), bodyRef);
          } else if (d instanceof PDFDict && d.get(PDFName.of('Type'))?.toString() !== '/OBJR') {
            d.set(P, bodyRef);
          }
        }
        dict.set(K, doc.context.obj([...labels, bodyRef]));
        added++;
      }
    }
    for (const kid of kids) {
      if (!(kid instanceof PDFRef)) continue;
      const child = doc.context.lookup(kid);
      if (child instanceof PDFDict && child.has(S)) visit(kid, child, ownPage, depth + 1);
    }
  };
  const top = root.get(K);
  for (const kid of top instanceof PDFArray ? top.asArray() : [top]) {
    if (!(kid instanceof PDFRef)) continue;
    const child = doc.context.lookup(kid);
    if (child instanceof PDFDict) visit(kid, child, undefined, 0);
  }
  return added;
}

/** The letters each Latin ligature stands for (U+FB00 to U+FB06). */
const LIGATURES: Record<string, string> = {
  FB00: 'ff',
  FB01: 'fi',
  FB02: 'fl',
  FB03: 'ffi',
  FB04: 'ffl',
  FB05: 'ſt',
  FB06: 'st',
};
const utf16Hex = (text: string) =>
  [...text].map((c) => (c.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')).join('');

/**
 * Makes each font's ToUnicode map give the letters a ligature glyph stands for ("ff"), not the
 * ligature character (U+FB00): Chromium's fonts map them to the latter, and a screen reader or
 * a search for "cut-off" then finds "cut-oﬀ". The glyphs on the page are unchanged.
 */
export function spellOutLigatures(doc: PDFDocument): number {
  let changed = 0;
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type'))?.toString() !== '/Font') continue;
    const ref = object.get(PDFName.of('ToUnicode'));
    if (!(ref instanceof PDFRef)) continue;
    const bytes = streamBytes(doc.context.lookup(ref));
    if (!bytes) continue;
    const cmap = Buffer.from(bytes).toString('latin1');
    let count = 0;
    const mended = cmap.replace(/beginbfchar[\s\S]*?endbfchar/g, (block) =>
      block.replace(/(<[0-9A-Fa-f]+>\s*)<(FB0[0-6])>/gi, (_, source: string, code: string) => {
        count++;
        return `${source}<${utf16Hex(LIGATURES[code.toUpperCase()] as string)}>`;
      }),
    );
    if (count === 0) continue;
    doc.context.assign(ref, flate(doc, Buffer.from(mended, 'latin1')));
    changed += count;
  }
  return changed;
}
