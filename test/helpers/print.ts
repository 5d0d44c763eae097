import type { HtmlDocument } from '../../src/html/render.js';
import type { PdfMetadata } from '../../src/pdf/metadata.js';

/** A document for the renderer: `body` in a bare page, with no header or footer. */
export const bareDocument = (body: string, title = 't'): HtmlDocument => ({
  html: `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`,
});

/** Metadata for a test print: `title`, the rest placeholders, dated at the epoch. */
export const bareMetadata = (title = 't'): PdfMetadata => ({
  title,
  author: 'a',
  subject: 's',
  keywords: [],
  creator: 'c',
  lang: 'en-GB',
  date: new Date(0),
});
