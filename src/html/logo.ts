import { settingLine } from '../config/validate.js';
import type { Config, Grant } from '../domain.js';
import { displayPath, ExitCode, type Problem, ReportError } from '../errors.js';
import { readRegularFile, sizeInWords } from '../files.js';

/** A logo is a small picture; a file far larger is not one (and would bloat every report). */
export const MAX_LOGO_BYTES = 5_000_000;

export type Logo =
  | { ok: true; mime: 'image/png' | 'image/svg+xml'; bytes: Buffer }
  | { ok: false; message: string };

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

const AS_IMAGE =
  'Export the logo again as a plain SVG (in Inkscape: Save As, "Plain SVG"; in Illustrator: Export As, SVG) or as a PNG';

/** Other kinds of file a logo setting is likely to name by mistake, by their first bytes. */
function otherKind(bytes: Uint8Array, text: string): string | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG photo';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'a GIF image';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && text.slice(8, 12) === 'WEBP') return 'a WebP image';
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46])) return 'a PDF document';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'a compressed file (.svgz or .gz)';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a zip file or an Office document';
  if (/^<!doctype\s+html|^<html[\s>]|^<head[\s>]|^<body[\s>]/i.test(text)) return 'an HTML page';
  return undefined;
}

/** Text with the prolog an SVG may open with (byte-order mark, XML declaration and other processing instructions, comments, doctype) removed. */
function afterProlog(text: string): string {
  let rest = text.replace(/^\uFEFF/, '');
  for (;;) {
    const before = rest;
    rest = rest.replace(/^\s+/, '');
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      rest = end < 0 ? '' : rest.slice(end + 2);
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->');
      rest = end < 0 ? '' : rest.slice(end + 3);
    } else if (/^<!doctype\s+svg[\s>[]/i.test(rest)) {
      // An internal subset in [ ] may hold ">" of its own.
      const subset = rest.indexOf('[');
      const close = rest.indexOf('>');
      const end = subset >= 0 && subset < close ? rest.indexOf('>', rest.indexOf(']', subset)) : close;
      rest = end < 0 ? '' : rest.slice(end + 1);
    }
    if (rest === before) return rest;
  }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** XML character and entity references decoded, as the browser's parser would see the text. */
const decodeReferences = (text: string) =>
  text.replace(
    /&(?:#x([0-9a-f]{1,6})|#(\d{1,7})|([a-z]+));?/gi,
    (whole, hex?: string, dec?: string, name?: string) => {
      const code = hex ? Number.parseInt(hex, 16) : dec ? Number(dec) : undefined;
      if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : '';
      return ENTITIES[name?.toLowerCase() ?? ''] ?? whole;
    },
  );

/** Elements that run code or hold another document: never in a logo. */
const FORBIDDEN_ELEMENTS = new Set([
  'script',
  'foreignobject',
  'iframe',
  'frame',
  'embed',
  'object',
  'applet',
  'handler',
  'listener',
  'audio',
  'video',
  'link',
  'meta',
  'base',
]);
/** Attributes whose value is an address to fetch, in SVG or in HTML smuggled into it. */
const ADDRESS_ATTRIBUTES = new Set([
  'href',
  'src',
  'srcset',
  'poster',
  'data',
  'background',
  'action',
  'formaction',
  'lowsrc',
  'dynsrc',
  'codebase',
  'archive',
  'ping',
  'manifest',
  'base',
]);
const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';
/** What an embedded reference may be: a part of this same picture, or a picture inside it. */
const SAFE_REFERENCE = /^(#|data:image\/(png|jpeg|gif|webp)[;,])/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the browser ignores these inside addresses.
const IGNORED_IN_ADDRESS = /[\u0000-\u0020\u007f]/g;
const address = (value: string) => value.replace(IGNORED_IN_ADDRESS, '');

/** What is wrong with CSS text in a logo (a style element, a style or presentation attribute). */
function cssProblem(css: string): string | undefined {
  if (css.includes('\\')) return 'its styles use CSS escapes (\\), which can hide an address';
  const lower = css.toLowerCase();
  if (lower.includes('@import')) return 'its styles import another style sheet (@import)';
  if (lower.includes('image-set(')) return 'its styles load pictures from elsewhere (image-set)';
  for (let at = lower.indexOf('url('); at >= 0; at = lower.indexOf('url(', at + 4)) {
    const rest = css.slice(at + 4).replace(/^\s+/, '');
    const quote = rest[0] === '"' || rest[0] === "'" ? rest[0] : undefined;
    const end = quote ? rest.indexOf(quote, 1) : rest.indexOf(')');
    const target = address(
      quote ? rest.slice(1, end < 0 ? undefined : end) : rest.slice(0, end < 0 ? undefined : end),
    );
    if (!SAFE_REFERENCE.test(target)) return 'its styles refer to another file or address (url(…))';
  }
  return undefined;
}

interface Tag {
  name: string;
  attributes: [string, string][];
}

/**
 * The SVG's elements with their attributes, and the text of its style elements, or what makes
 * it unreadable. A small XML tokenizer that respects quoting, so markup hidden inside an
 * attribute value is not mistaken for an element, nor an element for text.
 */
function tokenize(text: string): { tags: Tag[]; styles: string[] } | string {
  const tags: Tag[] = [];
  const styles: string[] = [];
  let inStyle = false;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const lt = text.indexOf('<', i);
    if (lt < 0) break;
    if (inStyle) styles.push(text.slice(i, lt));
    if (text.startsWith('<!--', lt)) {
      const end = text.indexOf('-->', lt + 4);
      if (end < 0) return 'a comment is never closed';
      i = end + 3;
      continue;
    }
    if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt + 9);
      if (end < 0) return 'a CDATA section is never closed';
      if (inStyle) styles.push(text.slice(lt + 9, end));
      i = end + 3;
      continue;
    }
    if (text.startsWith('<?', lt)) {
      const end = text.indexOf('?>', lt + 2);
      if (end < 0) return 'a processing instruction is never closed';
      if (/^<\?xml-stylesheet/i.test(text.slice(lt, lt + 20))) return 'xml-stylesheet';
      i = end + 2;
      continue;
    }
    if (text.startsWith('<!', lt)) {
      // A doctype, with any internal subset in [ ].
      let depth = 0;
      let j = lt + 2;
      for (; j < n; j++) {
        const c = text[j];
        if (c === '[') depth++;
        else if (c === ']') depth--;
        else if (c === '>' && depth <= 0) break;
      }
      if (j >= n) return 'a declaration is never closed';
      i = j + 1;
      continue;
    }
    if (text[lt + 1] === '/') {
      const end = text.indexOf('>', lt);
      if (end < 0) return 'an element is never closed';
      const name = text
        .slice(lt + 2, end)
        .trim()
        .toLowerCase();
      if (name === 'style' || name.endsWith(':style')) inStyle = false;
      i = end + 1;
      continue;
    }
    // An element's start tag: its name, then name="value" pairs, then > or />.
    let j = lt + 1;
    const nameStart = j;
    while (j < n && !/[\s/>]/.test(text[j] as string)) j++;
    const name = text.slice(nameStart, j);
    if (!/^[A-Za-z_][\w:.-]*$/.test(name)) return 'a "<" that does not start an element';
    const attributes: [string, string][] = [];
    for (;;) {
      while (j < n && /\s/.test(text[j] as string)) j++;
      if (j >= n) return 'an element is never closed';
      if (text[j] === '>') {
        j++;
        break;
      }
      if (text.startsWith('/>', j)) {
        j += 2;
        break;
      }
      const attrStart = j;
      while (j < n && !/[\s=/>]/.test(text[j] as string)) j++;
      const attr = text.slice(attrStart, j);
      while (j < n && /\s/.test(text[j] as string)) j++;
      if (!attr || text[j] !== '=') return 'an attribute without a value';
      j++;
      while (j < n && /\s/.test(text[j] as string)) j++;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") return 'an attribute value without quotes';
      const end = text.indexOf(quote, j + 1);
      if (end < 0) return 'an attribute value is never closed';
      attributes.push([attr, decodeReferences(text.slice(j + 1, end))]);
      j = end + 1;
    }
    tags.push({ name, attributes });
    const local = (name.split(':').pop() ?? '').toLowerCase();
    if (local === 'style' && !text.startsWith('/>', j - 2)) inStyle = true;
    i = j;
  }
  return { tags, styles };
}

/**
 * What makes an SVG unsafe to embed, or undefined. report.md: a logo is embedded as an image,
 * never as markup that can reference anything; whatever could make the browser read another
 * file or address, or run code, is refused rather than cleaned (a cleaned logo could look
 * wrong without anyone noticing): scripts, HTML inside the SVG, event handlers, entity
 * declarations, style sheets, and any reference other than to a part of the picture itself or
 * to a picture embedded in it as data.
 */
export function svgProblem(text: string): string | undefined {
  const decoded = decodeReferences(text).toLowerCase();
  if (decoded.includes('<!entity'))
    return 'it declares XML entities (<!ENTITY>), which can pull in other files';
  if (decoded.includes('file:')) return 'it refers to a file on this computer (file:)';
  const parsed = tokenize(text);
  if (parsed === 'xml-stylesheet') return 'it links a style sheet (<?xml-stylesheet?>)';
  if (typeof parsed === 'string') return `it is not well-formed SVG (${parsed})`;
  const root = parsed.tags[0];
  if (!root || (root.name.split(':').pop() ?? '').toLowerCase() !== 'svg') return 'it is not an SVG picture';
  const prefix = root.name.includes(':') ? root.name.split(':')[0] : undefined;
  const declares = prefix ? `xmlns:${prefix}` : 'xmlns';
  if (!root.attributes.some(([a, v]) => a === declares && v.trim() === SVG_NAMESPACE))
    return `its <svg> element lacks ${declares}="${SVG_NAMESPACE}", without which browsers do not draw it`;
  for (const tag of parsed.tags) {
    const local = (tag.name.split(':').pop() ?? '').toLowerCase();
    if (FORBIDDEN_ELEMENTS.has(local))
      return local === 'foreignobject'
        ? 'it holds HTML (<foreignObject>)'
        : `it holds a <${tag.name}> element, which a logo never needs`;
    for (const [attr, value] of tag.attributes) {
      const lower = attr.toLowerCase();
      const attrLocal = lower.split(':').pop() ?? '';
      if (lower === 'xmlns' && value.trim() !== SVG_NAMESPACE)
        return 'it holds elements that are not SVG (HTML)';
      if (lower.startsWith('xmlns:') && /xhtml|html/i.test(value))
        return 'it holds elements that are not SVG (HTML)';
      if (lower.startsWith('xmlns')) continue;
      if (attrLocal.startsWith('on')) return `it has an event handler (${attr}), which runs code`;
      if (lower === 'xml:base') return 'it changes where its references point (xml:base)';
      if (attrLocal === 'attributename' && /href|src/i.test(value))
        return 'it animates a reference to another file or address';
      if (ADDRESS_ATTRIBUTES.has(attrLocal) && !SAFE_REFERENCE.test(address(value)))
        return `it refers to another file or address (${attr}="${value.length > 40 ? `${value.slice(0, 40)}…` : value}")`;
      // Unprefixed attributes and style are CSS to the browser (fill="url(#g)"); editors' own
      // (inkscape:export-filename) are not read by it at all.
      const css = !attr.includes(':') || attrLocal === 'style' ? cssProblem(value) : undefined;
      if (css) return css;
    }
  }
  for (const css of parsed.styles) {
    const problem = cssProblem(css);
    if (problem) return problem;
  }
  return undefined;
}

/** What a logo file's bytes are: a PNG, a safe SVG, or what is wrong. Pure: judged by content, not name. */
export function judgeLogo(bytes: Buffer): Logo {
  if (bytes.length === 0) return { ok: false, message: 'the logo file is empty' };
  if (startsWith(bytes, PNG)) return { ok: true, mime: 'image/png', bytes };
  const head = bytes.subarray(0, 2048).toString('latin1');
  const other = otherKind(bytes, afterProlog(head));
  if (other)
    return {
      ok: false,
      message: `the logo file is ${other}, not an SVG or PNG picture. ${other === 'an HTML page' ? AS_IMAGE : 'Save it as PNG (or SVG)'}`,
    };
  const text = bytes.toString('utf8');
  if (!/^<([A-Za-z_][\w.-]*:)?svg[\s>/]/.test(afterProlog(text)))
    return {
      ok: false,
      message: `the logo file is not an SVG or PNG picture (its content is neither, whatever its name says). ${AS_IMAGE}`,
    };
  const problem = svgProblem(text);
  if (problem)
    return {
      ok: false,
      message: `the logo cannot be used safely: ${problem}. ${AS_IMAGE}, without scripts, embedded HTML or links to other files`,
    };
  return { ok: true, mime: 'image/svg+xml', bytes };
}

const READ_MESSAGES = {
  missing: 'the logo file was not found (paths are relative to the configuration file)',
  folder: 'the logo is a folder, not a picture file',
  'not-a-file':
    'the logo is not a regular file (it is a device, a pipe or a socket); name an SVG or PNG file',
} as const;

const logos = new Map<string, Logo>();

/**
 * A logo file, read and judged once a run: symlinks followed, a regular file of at most
 * MAX_LOGO_BYTES, an SVG or PNG by its content. The bytes judged are the bytes embedded.
 */
export function readLogo(path: string): Logo {
  const known = logos.get(path);
  if (known) return known;
  const read = readRegularFile(path, MAX_LOGO_BYTES);
  const logo: Logo = read.ok
    ? judgeLogo(read.bytes)
    : read.kind === 'too-large'
      ? {
          ok: false,
          message: `the logo file is ${sizeInWords(read.bytes)}; a logo must be at most ${sizeInWords(MAX_LOGO_BYTES)} (save a smaller PNG, or an SVG)`,
        }
      : read.kind === 'unreadable'
        ? {
            ok: false,
            message: `the logo file could not be read (${read.code === 'EACCES' ? 'permission denied' : read.code})`,
          }
        : { ok: false, message: READ_MESSAGES[read.kind] };
  logos.set(path, logo);
  return logo;
}

/** A logo as the data: URL the page shows it from (report.md: embedded as an image, never as markup). */
export function logoDataUrl(path: string): string {
  const logo = readLogo(path);
  if (!logo.ok)
    throw new ReportError(
      `The logo ${path} cannot be used: ${logo.message}.`,
      ExitCode.usage,
      'Check the logo paths in the configuration (they are relative to it).',
    );
  return `data:${logo.mime};base64,${logo.bytes.toString('base64')}`;
}

/**
 * Every logo the configuration names for these grants (all of them by default), judged; each
 * problem names its setting and line, for `validate` and for a report run before any work.
 */
export function logoProblems(
  config: Config,
  text: string,
  grants: readonly Grant[] = config.grants,
): Problem[] {
  const problems: Problem[] = [];
  const check = (path: string | undefined, setting: (string | number)[]) => {
    if (!path) return;
    const logo = readLogo(path);
    if (!logo.ok)
      problems.push({
        file: config.path,
        line: settingLine(text, setting),
        setting: setting.join('.'),
        value: displayPath(path),
        message: logo.message,
      });
  };
  check(config.organisation.logo, ['organisation', 'logo']);
  for (const g of grants)
    if (g.logo !== config.organisation.logo) check(g.logo, ['grants', g.id, 'brand', 'logo']);
  return problems;
}

/** logoProblems as the configuration error a report run stops with (exit 2), if any. */
export function assertLogos(config: Config, text: string, grants: readonly Grant[]): void {
  const problems = logoProblems(config, text, grants);
  if (problems.length > 0)
    throw new ReportError(
      `The configuration file ${displayPath(config.path)} has ${problems.length === 1 ? 'a problem with a logo' : `${problems.length} problems with logos`}.`,
      ExitCode.usage,
      'Fix the logo settings (or the files they name) and run again. Nothing was written.',
      problems,
    );
}
