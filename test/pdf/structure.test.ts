import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, type PDFRef } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { addListBodies, markArtifacts } from '../../src/pdf/structure.js';
import { checkPdfUa } from '../helpers/pdf-structure.js';

/** A one-page document tagged as Chromium tags a list: content straight in each /LI. */
async function taggedList() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  const content = doc.context.flateStream(
    '/LI <</MCID 0>> BDC 0 0 10 10 re f EMC /Span <</MCID 1>> BDC 0 20 10 10 re f EMC 0 40 10 10 re f',
  );
  page.node.set(PDFName.of('Contents'), doc.context.register(content));
  page.node.set(PDFName.of('StructParents'), PDFNumber.of(0));
  const ref = () => doc.context.nextRef();
  const [root, document, list, item, span] = [ref(), ref(), ref(), ref(), ref()] as PDFRef[];
  const elem = (s: string, parent: PDFRef, k: unknown) =>
    doc.context.obj({ Type: 'StructElem', S: s, P: parent, Pg: page.ref, K: k as never });
  doc.context.assign(span as PDFRef, elem('Span', item as PDFRef, 1));
  doc.context.assign(item as PDFRef, elem('LI', list as PDFRef, [0, span]));
  doc.context.assign(list as PDFRef, elem('L', document as PDFRef, [item]));
  doc.context.assign(document as PDFRef, elem('Document', root as PDFRef, [list]));
  const parentTree = doc.context.obj({ Nums: [0, [item, span]] });
  doc.context.assign(
    root as PDFRef,
    doc.context.obj({ Type: 'StructTreeRoot', K: [document], ParentTree: parentTree, ParentTreeNextKey: 1 }),
  );
  doc.catalog.set(PDFName.of('StructTreeRoot'), root as PDFRef);
  doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: true }));
  return { doc, item: item as PDFRef, span: span as PDFRef, parentTree };
}

describe('addListBodies', () => {
  it('moves a list item’s content into an /LBody and points the parent tree at it', async () => {
    const { doc, item, span, parentTree } = await taggedList();
    expect(addListBodies(doc)).toBe(1);
    const li = doc.context.lookup(item, PDFDict);
    const kids = li.lookup(PDFName.of('K'), PDFArray);
    expect(kids.size()).toBe(1);
    const body = kids.lookup(0, PDFDict);
    expect(String(body.get(PDFName.of('S')))).toBe('/LBody');
    expect(body.get(PDFName.of('P'))).toBe(item);
    expect(body.lookup(PDFName.of('K'), PDFArray).asArray()).toEqual([PDFNumber.of(0), span]);
    expect(doc.context.lookup(span, PDFDict).get(PDFName.of('P'))).toBe(kids.get(0));
    const entries = parentTree.lookup(PDFName.of('Nums'), PDFArray).lookup(1, PDFArray);
    expect(entries.get(0)).toBe(kids.get(0));
    expect(entries.get(1)).toBe(span);
    // Done once: a second pass finds nothing left to mend.
    expect(addListBodies(doc)).toBe(0);
  });

  it('leaves a document that a PDF/UA check passes, once the untagged square is an artifact', async () => {
    const { doc } = await taggedList();
    const before = await checkPdfUa(await doc.save());
    expect(before.failures.join('\n')).toMatch(/09-005: marked content directly in \/LI/);
    expect(before.failures.join('\n')).toMatch(/01-005: page 1: "f" is neither tagged nor an artifact/);
    addListBodies(doc);
    expect(markArtifacts(doc)).toBe(1);
    const after = await checkPdfUa(await doc.save());
    // Metadata is sealMetadata's part; the structure and content checks all pass.
    expect(after.failures.filter((f) => !/^(06|07|11)-/.test(f))).toEqual([]);
    expect(after.pages).toEqual([{ items: 3, artifacts: 1, tagged: 2 }]);
  });
});
