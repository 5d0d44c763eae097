import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { drawCharts } from '../../src/charts/draw.js';
import type { Grant, Organisation } from '../../src/domain.js';
import { ReportError } from '../../src/errors.js';
import { cssString, headingsOf, renderHtml, textOf } from '../../src/html/render.js';
import { buildReportModel } from '../../src/report/build.js';
import { grant, organisation, reportedFor, statsModel } from '../report/stats-fixture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const disclosure = { minCell: 5, minDenominator: 10 };
const HOSTILE = '<img src="http://127.0.0.1:9/x"><script>alert(1)</script>';

function render(overrides: Partial<Grant> = {}, stats = statsModel(), org: Partial<Organisation> = {}) {
  const g: Grant = { ...grant, logo: join(ROOT, 'fixtures/brand/powerhouse.svg'), ...overrides };
  const model = drawCharts(
    buildReportModel({
      stats,
      grant: g,
      reported: reportedFor(g),
      organisation: { ...organisation, logo: join(ROOT, 'fixtures/brand/tpip.svg'), ...org },
      disclosure,
    }),
  );
  return renderHtml(model, disclosure);
}

/**
 * What a margin box of the document's @page rule prints (`@top-left`, `@bottom-right`, …): its
 * `content` read as CSS reads it, escapes decoded, a counter shown as `{page}` or `{pages}`.
 */
function marginBox(html: string, box: string): string | undefined {
  const rule = new RegExp(
    `@${box} \\{[^}]*?content: ((?:"(?:[^"\\\\]|\\\\.)*"|counter\\(\\w+\\)|\\s)+);`,
  ).exec(html);
  if (!rule) return undefined;
  return [...(rule[1] as string).matchAll(/"((?:[^"\\]|\\.)*)"|counter\((\w+)\)/g)]
    .map(([, text, counter]) =>
      counter
        ? `{${counter}}`
        : (text as string).replace(/\\([0-9a-f]{1,6}) ?|\\(.)/gi, (_, hex?: string, char?: string) =>
            hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : (char as string),
          ),
    )
    .join('');
}

describe('the HTML document', () => {
  const doc = render({ narrative: `Our work.\n\n${HOSTILE}` });

  it('is self-contained: no address outside the document, no script', () => {
    const clean = render({ narrative: 'Our work.' });
    expect(clean.html).not.toMatch(/\b(?:https?|file|ftp):\/\//i);
    expect(doc.html).not.toMatch(/<script/i);
    expect(doc.html).not.toMatch(/<link\b/i);
    expect(doc.html).toContain("default-src 'none'");
    expect(doc.html).toMatch(
      /@font-face \{ font-family: 'Source Sans 3'; .*src: url\(data:font\/ttf;base64,/,
    );
    // Two logos and five charts (three measures, referrals by source, the trend), all inline SVG.
    expect(clean.html.match(/src="data:image\/svg\+xml;base64,/g)?.length).toBe(2 + 5);
    expect(clean.html.match(/src="/g)?.length).toBe(2 + 5);
  });

  it('escapes user text: a narrative of markup prints as text', () => {
    expect(doc.html).toContain(
      '<p>&lt;img src&#x3D;&quot;http://127.0.0.1:9/x&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
    expect(doc.html).not.toContain('<img src="http');
  });

  it('escapes funder, title, organisation and source names, in the body and the header and footer', () => {
    const stats = statsModel();
    stats.activity.referralsBySource = { '<b>clinic</b>': 12 };
    const hostile = render({ funder: '<i>Fund</i>', title: 'A & <B>' }, stats);
    expect(hostile.html).toContain('&lt;b&gt;clinic&lt;/b&gt;');
    expect(hostile.html).toContain('&lt;i&gt;Fund&lt;/i&gt;');
    expect(hostile.html).toContain('A &amp; &lt;B&gt;');
    expect(hostile.html).not.toMatch(/<b>clinic|<i>Fund|<B>/);
    expect(marginBox(hostile.html, 'top-left')).toBe('<i>Fund</i>');
  });

  it('keeps hostile names inside the running header and footer: text, never markup or CSS', () => {
    const breakout = '"; } @page { @top-left { content: "x" } } </style><script>alert(1)</script>\\';
    const hostile = render({ funder: breakout });
    expect(marginBox(hostile.html, 'top-left')).toBe(breakout);
    expect(hostile.html).not.toMatch(/<script/i);
    expect(hostile.html.match(/<\/style>/gi)).toHaveLength(1);
    const style = /<style>([\s\S]*?)<\/style>/.exec(hostile.html)?.[1] ?? '';
    expect(style.match(/@top-left \{/g)).toHaveLength(1);
    expect(style).not.toContain('content: "x"');
    // Anything but a letter, a digit or a space is written as its code.
    expect(cssString('A1 <"\\\n·>')).toBe('"A1 \\3c \\22 \\5c \\a \\b7 \\3e "');
  });

  it('gives every chart a text alternative and its printed size', () => {
    const figures = doc.html.match(/<figure[\s\S]*?<\/figure>/g) ?? [];
    expect(figures.length).toBe(5);
    for (const figure of figures) {
      expect(figure).toMatch(/alt="[^"]{20,}"/);
      expect(figure).toMatch(/style="width: \d+mm; height: \d+mm"/);
    }
  });

  it('prints "Page X of Y" in the footer, with the organisation and charity number', () => {
    expect(marginBox(doc.html, 'bottom-right')).toBe('Page {page} of {pages}');
    expect(marginBox(doc.html, 'bottom-left')).toBe(
      'Thameside Parent Infant Partnership · Registered charity 1199999',
    );
    expect(doc.html).toMatch(/@bottom-left \{[^}]*color: #5B2C83;/);
    expect(marginBox(doc.html, 'top-left')).toBe('Didcot Powerhouse Fund');
    expect(doc.html).toMatch(/@top-left \{[^}]*border-bottom: 0\.8mm solid #00754A;/);
  });

  it('leaves the charity number out of the footer when there is none', () => {
    const none = render({}, statsModel(), { charityNumber: undefined });
    expect(marginBox(none.html, 'bottom-left')).toBe('Thameside Parent Infant Partnership');
  });
});

describe('themes', () => {
  it('the lottery theme brings its own cover and header', () => {
    const lottery = render({ theme: 'lottery', funder: 'National Lottery Community Fund' });
    expect(lottery.html).toContain('class="cover-pills"');
    expect(lottery.html).toContain('Funded by National Lottery Community Fund');
    expect(marginBox(lottery.html, 'top-left')).toBe('Funded by National Lottery Community Fund');
    const powerhouse = render({ theme: 'powerhouse' });
    expect(powerhouse.html).not.toContain('cover-pills');
    expect(powerhouse.html).toContain('text-transform: uppercase');
  });

  it('themes share what they compile, yet each keeps its own partials whatever order they come in', () => {
    // The base cover compiled first (default theme), then the lottery's own, then the base again.
    const first = render({ theme: 'default' });
    const lottery = render({ theme: 'lottery', funder: 'National Lottery Community Fund' });
    const again = render({ theme: 'default' });
    const powerhouse = render({ theme: 'powerhouse' });
    expect(first.html).not.toContain('cover-pills');
    expect(lottery.html).toContain('class="cover-pills"');
    expect(marginBox(lottery.html, 'top-left')).toBe('Funded by National Lottery Community Fund');
    expect(again.html).toBe(first.html);
    expect(marginBox(again.html, 'top-left')).toBe('Didcot Powerhouse Fund');
    expect(powerhouse.html).not.toContain('cover-pills');
    expect(render({ theme: 'lottery', funder: 'National Lottery Community Fund' }).html).toBe(lottery.html);
  });

  it('an unknown theme is a configuration error that names the folder to create', () => {
    expect(() => render({ theme: 'no-such-theme' })).toThrow(ReportError);
    try {
      render({ theme: 'no-such-theme' });
    } catch (error) {
      expect((error as ReportError).exitCode).toBe(2);
      expect((error as ReportError).message).toContain('"no-such-theme"');
    }
  });

  it('refuses a colour that is not #rrggbb, since colours reach CSS unescaped', () => {
    expect(() => render({ colours: { primary: 'red;}</style><script>', accent: '#000000' } })).toThrow(
      /Unsafe colour/,
    );
  });
});

describe('headings', () => {
  it('are read back from the document as written, entities decoded', () => {
    expect(textOf('PIRGAS <span class="subtle">Parent&#x3D;Infant &amp; &lt;b&gt;</span>\n ')).toBe(
      'PIRGAS Parent=Infant & <b>',
    );
    const doc = render({ title: 'Growing together &\nmore' });
    expect(doc.headings?.slice(0, 4)).toEqual([
      'Growing together & more',
      'At a glance',
      'Outcomes',
      'PIRGAS Parent-Infant Relationship Global Assessment Scale',
    ]);
    expect(headingsOf('<h2 id="x">A</h2><p>no</p><h3>B <i>c</i></h3>')).toEqual(['A', 'B c']);
  });

  it('ship font metrics that fit a heading’s line, so Chromium outlines it once', () => {
    expect(render().html).toContain('ascent-override: 95%; descent-override: 25%; line-gap-override: 0%;');
  });
});

describe('long tables', () => {
  it('may break across pages (header repeated); short ones stay whole with their caption', () => {
    const stats = statsModel();
    stats.trend = Array.from({ length: 20 }, (_, i) => ({
      label: `q${i}`,
      from: `${2000 + i}-01-01`,
      to: `${2000 + i}-03-31`,
      referrals: 10,
      parentsServed: 10,
      familiesServed: 10,
    }));
    const html = render({}, stats).html;
    expect(html).toContain('<div class="table-block long">');
    expect(html.match(/<div class="table-block">/g)?.length).toBeGreaterThan(2);
    expect(html).toContain('thead {\n  display: table-header-group;');
    expect(html).toContain('tr {\n  break-inside: avoid;');
  });
});

describe('In their words and Promised and delivered', () => {
  it('prints stories as quotations with their attribution, escaped, even without a narrative', () => {
    const doc = render({
      stories: [
        { quote: 'By the end I felt a <b>strong</b> bond with her.', who: 'A mother in Didcot' },
        { quote: 'It turned our family around.' },
      ],
    });
    expect(doc.headings).toContain('In their words');
    expect(doc.headings).toContain('What parents told us');
    const stories = doc.html.match(/<div class="story">[\s\S]*?<\/div>/g) ?? [];
    expect(stories).toHaveLength(2);
    expect(stories[0]).toContain(
      '<blockquote><p>“By the end I felt a &lt;b&gt;strong&lt;/b&gt; bond with her.”</p></blockquote>',
    );
    expect(stories[0]).toContain('<p class="story-who">— A mother in Didcot</p>');
    expect(stories[1]).not.toContain('story-who');
    // Neither a narrative nor stories: no section at all.
    expect(render().headings).not.toContain('In their words');
  });

  it('puts the targets table on the At a glance page, each row classed by its result as well as worded', () => {
    const stats = statsModel({
      targets: [
        {
          field: 'activity.familiesServed',
          label: null,
          direction: 'atLeast',
          target: 25,
          actual: 23,
          met: false,
        },
        {
          field: 'activity.familiesServed',
          label: null,
          direction: 'atMost',
          target: 25,
          actual: 23,
          met: true,
        },
        {
          field: 'activity.referrals',
          label: null,
          direction: 'atLeast',
          target: 25,
          actual: null,
          met: null,
        },
      ],
    });
    const html = render({}, stats).html;
    const glance = html.slice(html.indexOf('id="glance-title"'), html.indexOf('id="outcomes-title"'));
    expect(glance).toContain('<caption>Promised and delivered</caption>');
    expect(glance).toMatch(
      /<tr class="target-not-met"><th scope="row">Families served<\/th>.*<td>✗ Not met<\/td><\/tr>/,
    );
    expect(glance).toMatch(/<tr class="target-met">.*<td>✓ Met<\/td><\/tr>/);
    expect(glance).toMatch(
      /<tr class="target-unmeasured">.*<td>○ Not measured: no referral counts were supplied<\/td><\/tr>/,
    );
    expect(html).toContain('<section class="glance has-targets"');
  });
});
