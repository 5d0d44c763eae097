import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import Handlebars from 'handlebars';
import { TREND_BESIDE_TABLE } from '../charts/config.js';
import { ExitCode, ReportError } from '../errors.js';
import { FONT_FAMILY, FONT_FILES, FONTS_DIR, TEMPLATES_DIR } from '../paths.js';
import type { ReportModel } from '../report/model.js';
import { logoDataUrl } from './logo.js';

export interface HtmlDocument {
  /** The self-contained document: fonts, logos and charts inline, no script. */
  html: string;
  /** Its headings in order, as written (the PDF outline is repaired against them). */
  headings?: string[];
}

const read = (path: string) => readFileSync(path, 'utf8');

/** Where the document's fonts come from: inside it, or the browser's own (PDF rendering). */
export type FontSource = 'embedded' | 'installed';

const fontFaces = new Map<FontSource, string>();
/**
 * @font-face rules for the shipped TTFs. `embedded`: as data: URLs, so the HTML renders the same
 * anywhere. `installed`: by name from the browser, which the PDF renderer starts with a
 * fontconfig that knows only these files, so the document is 2 MB lighter to send and parse.
 * The ascent and descent are overridden to 1.2 em in all: Source Sans 3's own (1.42 em) overflow
 * a heading's 1.2 line box, and Chromium then paints a heading at the top of a page on the page
 * before as well, clipped, which names it twice in the PDF outline ("OutcomesOutcomes").
 */
function fontFaceCss(source: FontSource): string {
  let css = fontFaces.get(source);
  if (css === undefined) {
    css = FONT_FILES.map((f) => {
      const src =
        source === 'embedded'
          ? `url(data:font/ttf;base64,${readFileSync(join(FONTS_DIR, f.file)).toString('base64')}) format('truetype')`
          : `local('${f.postscript}')`;
      return `@font-face { font-family: '${FONT_FAMILY}'; font-weight: ${f.weight}; font-style: ${f.style}; src: ${src}; ascent-override: 95%; descent-override: 25%; line-gap-override: 0%; }`;
    }).join('\n');
    fontFaces.set(source, css);
  }
  return css;
}

/**
 * `text` as a quoted CSS string, for the page's margin boxes (`content: …`): every character but
 * a letter, a digit or a space written as its code (`\3C `), so no text can end the string, the
 * rule or the style element, whatever it holds.
 */
export function cssString(text: string): string {
  let out = '"';
  for (const c of text) out += /[A-Za-z0-9 ]/.test(c) ? c : `\\${(c.codePointAt(0) as number).toString(16)} `;
  return `${out}"`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The text of an HTML fragment: tags dropped, entities decoded, white space collapsed. */
export function textOf(fragment: string): string {
  return fragment
    .replace(/<[^>]*>/g, '')
    .replace(/&(?:#x([0-9a-f]+)|#(\d+)|([a-z]+));/gi, (whole, hex?: string, dec?: string, name?: string) =>
      hex
        ? String.fromCodePoint(Number.parseInt(hex, 16))
        : dec
          ? String.fromCodePoint(Number(dec))
          : (ENTITIES[name?.toLowerCase() ?? ''] ?? whole),
    )
    .replace(/\s+/g, ' ')
    .trim();
}

/** The document's headings in order, as written: the PDF outline is checked against them. */
export const headingsOf = (html: string) =>
  [...html.matchAll(/<h([1-6])\b[^>]*>([\s\S]*?)<\/h\1>/gi)].map((m) => textOf(m[2] ?? ''));

/** The options every template and partial is compiled with (a partial as its caller's). */
const COMPILE_OPTIONS = { strict: false, noEscape: false, data: true };

/** The parts of handlebars' compiler `Handlebars.compile` itself runs: they are on every instance, not in its types. */
interface HandlebarsCompiler {
  Compiler: new () => { compile(ast: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => {
    compile(environment: unknown, options: object, context: undefined, asObject: true): TemplateSpecification;
  };
}

/**
 * Each template's compiled form, by its text. What handlebars compiles depends on the text and
 * the options alone, not on the environment (its helpers and partials are looked up as it runs),
 * so the themes of a batch share what they have in common: the base partials and the layout are
 * compiled once, not once per theme (a twentieth of a second each, docs/benchmarks.md).
 */
const compiled = new Map<string, TemplateSpecification>();

/** `Handlebars.compile` for environment `hb`, its work shared by every environment: compiled when first run. */
function compileShared(hb: typeof Handlebars, source: string): Handlebars.TemplateDelegate {
  let template: Handlebars.TemplateDelegate | undefined;
  return (context, options) => {
    if (template === undefined) {
      let spec = compiled.get(source);
      if (spec === undefined) {
        const compiler = hb as unknown as HandlebarsCompiler;
        const options = { ...COMPILE_OPTIONS };
        const environment = new compiler.Compiler().compile(
          hb.parse(source, options as Handlebars.ParseOptions),
          options,
        );
        spec = new compiler.JavaScriptCompiler().compile(environment, options, undefined, true);
        compiled.set(source, spec);
      }
      template = hb.template(spec);
    }
    return template(context, options);
  };
}

/** One handlebars environment per theme: the base partials, then the theme's own over them. */
const environments = new Map<
  string,
  {
    layout: Handlebars.TemplateDelegate;
    header: Handlebars.TemplateDelegate;
    footer: Handlebars.TemplateDelegate;
    css: string;
  }
>();

function environment(theme: string) {
  const known = environments.get(theme);
  if (known) return known;
  const themeDir = join(TEMPLATES_DIR, 'themes', theme);
  if (!existsSync(themeDir)) {
    throw new ReportError(
      `The theme "${theme}" was not found in ${join(TEMPLATES_DIR, 'themes')}.`,
      ExitCode.usage,
      'Set brand.theme to the name of a folder under templates/themes/, or remove it to use the default theme.',
    );
  }
  const hb = Handlebars.create();
  // Text inside the page's margin boxes (header.hbs, footer.hbs): a CSS string, not HTML.
  hb.registerHelper(
    'css',
    (text: unknown) =>
      new hb.SafeString(cssString(typeof text === 'string' || typeof text === 'number' ? String(text) : '')),
  );
  hb.registerHelper('join', (items: unknown) => (Array.isArray(items) ? items.join(', ') : ''));
  // A table longer than this may break across pages (between rows, header repeated); a shorter
  // one is kept whole with its caption.
  hb.registerHelper('isLong', (rows: unknown) => Array.isArray(rows) && rows.length > LONG_TABLE_ROWS);
  // A trend of a few parts is drawn narrow, with its table beside it (charts/config.ts).
  hb.registerHelper('isShort', (rows: unknown) => Array.isArray(rows) && rows.length <= TREND_BESIDE_TABLE);
  for (const dir of [join(TEMPLATES_DIR, 'partials'), join(themeDir, 'partials')]) {
    if (!existsSync(dir)) continue;
    for (const file of readdirSync(dir).sort()) {
      if (extname(file) === '.hbs')
        hb.registerPartial(file.slice(0, -4), compileShared(hb, read(join(dir, file))));
    }
  }
  // A theme may bring its own header.hbs or footer.hbs (the page's margin boxes, in CSS);
  // otherwise the base ones are used.
  const compile = (file: string) => {
    const own = join(themeDir, file);
    return compileShared(hb, read(existsSync(own) ? own : join(TEMPLATES_DIR, file)));
  };
  const themeCss = existsSync(join(themeDir, 'theme.css')) ? read(join(themeDir, 'theme.css')) : '';
  const env = {
    layout: compile('layout.hbs'),
    header: compile('header.hbs'),
    footer: compile('footer.hbs'),
    css: `${read(join(TEMPLATES_DIR, 'base.css'))}\n${themeCss}`,
  };
  environments.set(theme, env);
  return env;
}

/**
 * Every text of the model with its white space collapsed to single spaces. The stylesheet
 * preserves spaces (so the PDF's tagged text keeps them where a line wraps), and a title written
 * over two lines in the YAML must still print as HTML would print it.
 */
function singleSpaced<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ') as T;
  if (Array.isArray(value)) return value.map(singleSpaced) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, singleSpaced(v)])) as T;
  return value;
}

const COLOUR = /^#[0-9a-fA-F]{6}$/;
const LONG_TABLE_ROWS = 14;

/**
 * ReportModel → one self-contained HTML document. Its running header and footer are margin
 * boxes of its @page rule, so the browser prints them as part of each page (and so does any
 * browser printing the HTML), rather than laying out a document of their own for every page.
 */
export function renderHtml(
  model: ReportModel,
  disclosure: { minDenominator: number },
  fonts: FontSource = 'embedded',
): HtmlDocument {
  // Colours reach CSS unescaped, so they are checked here as well as in the configuration.
  for (const c of Object.values(model.colours)) if (!COLOUR.test(c)) throw new Error(`Unsafe colour ${c}`);
  const env = environment(model.theme);
  const view = {
    ...singleSpaced(model),
    fontFaces: fontFaceCss(fonts),
    baseCss: env.css,
    organisationLogo: model.organisation.logo ? logoDataUrl(model.organisation.logo) : undefined,
    funderLogoUrl: model.funderLogo ? logoDataUrl(model.funderLogo) : undefined,
    minDenominator: disclosure.minDenominator,
  };
  const html = env.layout({ ...view, pageBoxes: `@page {\n${env.header(view)}${env.footer(view)}}` });
  return { html, headings: headingsOf(html) };
}
