/**
 * Text for an XML document (a chart's SVG, the PDF's XMP packet, the browser's fontconfig file),
 * in an element or a double-quoted attribute: `&`, `<`, `>` and `"` as entities, and no control
 * character but tab and line ends, which XML 1.0 does not allow at all.
 */
export function xmlText(text: string): string {
  let out = '';
  for (const ch of text) if (ch >= ' ' || ch === '\t' || ch === '\n' || ch === '\r') out += ch;
  return out.replace(/[&<>"]/g, (c) => ENTITIES[c] as string);
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
