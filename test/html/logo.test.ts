import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/validate.js';
import { ReportError } from '../../src/errors.js';
import { judgeLogo, logoDataUrl, logoProblems, readLogo } from '../../src/html/logo.js';
import { ROOT } from '../helpers/cli.js';

const SVG_NS = 'xmlns="http://www.w3.org/2000/svg"';
const svg = (body: string, attributes = '') =>
  Buffer.from(`<svg ${SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink"${attributes}>${body}</svg>`);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const refusal = (bytes: Buffer) => {
  const logo = judgeLogo(bytes);
  expect(logo.ok).toBe(false);
  return logo.ok ? '' : logo.message;
};
const fresh = () => mkdtempSync(join(tmpdir(), 'impact-logo-'));

describe('judgeLogo: an SVG or PNG by content, not by name', () => {
  it('accepts the fixture logos and a PNG', () => {
    for (const name of ['powerhouse.svg', 'lottery.svg', 'tpip.svg'])
      expect(judgeLogo(readFileSync(join(ROOT, 'fixtures/brand', name)))).toMatchObject({
        ok: true,
        mime: 'image/svg+xml',
      });
    expect(judgeLogo(PNG)).toMatchObject({ ok: true, mime: 'image/png' });
  });

  it('accepts what design tools write: prolog, doctype, editor metadata, gradients, embedded pictures', () => {
    const inkscape = `<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg ${SVG_NS} xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
  xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:cc="http://creativecommons.org/ns#" sodipodi:docname="logo.svg" inkscape:export-filename="C:\\Users\\me\\logo.png">
  <metadata><rdf:RDF><cc:Work rdf:about=""><dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage"/></cc:Work></rdf:RDF></metadata>
  <defs><linearGradient id="g"><stop offset="0" stop-color="#5B2C83"/></linearGradient></defs>
  <style><![CDATA[ .a { fill: url(#g); } ]]></style>
  <rect class="a" width="10" height="10" fill="url('#g')" style="stroke: url(#g)"/>
  <use xlink:href="#g"/><use href="#g"/>
  <image href="data:image/png;base64,${PNG.toString('base64')}" width="1" height="1"/>
  <text x="0" y="9">Parents &amp; babies</text>
</svg>`;
    expect(judgeLogo(Buffer.from(inkscape))).toMatchObject({ ok: true });
    expect(judgeLogo(Buffer.from(`\uFEFF${inkscape}`))).toMatchObject({ ok: true });
  });

  it('refuses an SVG that reads a local file, whichever way it is written', () => {
    for (const body of [
      '<image href="file:///etc/passwd" width="9" height="9"/>',
      '<image xlink:href="file:///etc/passwd"/>',
      '<image href="&#102;ile:///etc/passwd"/>',
      '<image href="FILE:///etc/passwd"/>',
      '<use href="file:///etc/passwd#x"/>',
      '<rect style="fill: url(file:///etc/passwd)"/>',
    ])
      expect(refusal(svg(body))).toContain('a file on this computer');
  });

  it('refuses a reference to any other file or address', () => {
    for (const body of [
      '<image href="secret.png"/>',
      '<image href="/etc/passwd"/>',
      '<image href="http://127.0.0.1:9/x"/>',
      '<image href=" //127.0.0.1:9/x"/>',
      '<use xlink:href="other.svg#part"/>',
      '<a href="https://example.org"><rect/></a>',
      '<feImage href="http://127.0.0.1:9/x"/>',
      '<image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4="/>',
      '<image x="a>" href="http://127.0.0.1:9/hidden-after-a-bracket"/>',
    ])
      expect(refusal(svg(body))).toContain('refers to another file or address');
  });

  it('refuses scripts, HTML inside the SVG and event handlers', () => {
    expect(refusal(svg('<script>fetch("http://127.0.0.1:9/")</script>'))).toContain('<script>');
    expect(refusal(svg('<svg:script xmlns:svg="http://www.w3.org/2000/svg"/>'))).toContain('<svg:script>');
    expect(refusal(svg('<foreignObject><iframe src="x"/></foreignObject>'))).toContain('<foreignObject>');
    expect(refusal(svg('<rect onload="fetch(1)"/>'))).toContain('event handler');
    expect(refusal(svg('', ' onload="fetch(1)"'))).toContain('event handler');
    expect(refusal(svg('<g xmlns="http://www.w3.org/1999/xhtml"><p>x</p></g>'))).toContain('not SVG');
    expect(refusal(svg('<h:p xmlns:h="http://www.w3.org/1999/xhtml">x</h:p>'))).toContain('not SVG');
  });

  it('refuses style sheets that fetch: @import, url() elsewhere, image-set, CSS escapes', () => {
    expect(refusal(svg('<style>@import url(http://127.0.0.1:9/x.css);</style>'))).toContain('@import');
    expect(refusal(svg('<style>@import "x.css";</style>'))).toContain('@import');
    expect(refusal(svg('<style>rect { fill: url(http://127.0.0.1:9/p) }</style>'))).toContain('url(');
    expect(refusal(svg('<style><![CDATA[ rect { fill: url("x.svg#p") } ]]></style>'))).toContain('url(');
    expect(refusal(svg('<rect fill="url(x.svg#p)"/>'))).toContain('url(');
    expect(refusal(svg('<rect style="background: image-set(&quot;x.png&quot; 1x)"/>'))).toContain(
      'image-set',
    );
    expect(refusal(svg('<style>rect { fill: \\75 rl(x.svg) }</style>'))).toContain('escapes');
  });

  it('refuses entities, linked style sheets, xml:base and animated references', () => {
    const entity = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg ${SVG_NS}><text>&x;</text></svg>`;
    expect(refusal(Buffer.from(entity))).toContain('entities');
    const stylesheet = `<?xml version="1.0"?><?xml-stylesheet href="http://127.0.0.1:9/s.css"?><svg ${SVG_NS}/>`;
    expect(refusal(Buffer.from(stylesheet))).toContain('xml-stylesheet');
    expect(refusal(svg('<g xml:base="http://127.0.0.1:9/"><use href="#a"/></g>'))).toContain('xml:base');
    expect(refusal(svg('<a><set attributeName="href" to="http://127.0.0.1:9/"/></a>'))).toContain('animates');
  });

  it('refuses what is not an SVG or PNG picture, saying what it is', () => {
    expect(refusal(Buffer.from('<!DOCTYPE html><html><body><img src="x"></body></html>'))).toContain(
      'an HTML page',
    );
    expect(refusal(Buffer.from('<html><svg></svg></html>'))).toContain('an HTML page');
    expect(refusal(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]))).toContain('a JPEG photo');
    expect(refusal(Buffer.from('%PDF-1.7\n'))).toContain('a PDF document');
    expect(refusal(Buffer.from('root:x:0:0:root:/root:/bin/bash\n'))).toContain('not an SVG or PNG');
    expect(refusal(Buffer.alloc(0))).toContain('empty');
    expect(refusal(Buffer.from('<svg width="9"></svg>'))).toContain('lacks xmlns');
    expect(refusal(Buffer.from(`<svg ${SVG_NS}><rect x="1></svg>`))).toContain('not well-formed');
  });
});

describe('readLogo: a regular file, symlinks followed, size-bounded', () => {
  it('follows a symlink to a good logo, and judges a PNG named .svg by its content', () => {
    const dir = fresh();
    symlinkSync(join(ROOT, 'fixtures/brand/lottery.svg'), join(dir, 'link.svg'));
    writeFileSync(join(dir, 'really-a-png.svg'), PNG);
    expect(readLogo(join(dir, 'link.svg'))).toMatchObject({ ok: true, mime: 'image/svg+xml' });
    expect(logoDataUrl(join(dir, 'really-a-png.svg'))).toMatch(/^data:image\/png;base64,/);
  });

  it('refuses a folder, a FIFO, a device, a 50 MB file and a missing file at once, reading nothing', () => {
    const dir = fresh();
    mkdirSync(join(dir, 'folder.svg'));
    execFileSync('mkfifo', [join(dir, 'fifo.svg')]);
    writeFileSync(join(dir, 'huge.png'), Buffer.concat([PNG, Buffer.alloc(50_000_000)]));
    symlinkSync('/dev/zero', join(dir, 'zero.svg'));
    const started = performance.now();
    const message = (name: string) => {
      const logo = readLogo(join(dir, name));
      return logo.ok ? 'accepted' : logo.message;
    };
    expect(message('folder.svg')).toContain('a folder');
    expect(message('fifo.svg')).toContain('not a regular file');
    expect(message('zero.svg')).toContain('not a regular file');
    expect(message('huge.png')).toContain('50.0 MB');
    expect(message('missing.svg')).toContain('not found');
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('is a configuration error (exit 2) when used, never echoing the file', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'passwd.svg'), 'root:x:0:0:root:/root:/bin/bash\n');
    const error = (() => {
      try {
        logoDataUrl(join(dir, 'passwd.svg'));
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ReportError);
    expect((error as ReportError).exitCode).toBe(2);
    expect((error as ReportError).message).not.toContain('root:x');
  });
});

describe('logoProblems', () => {
  it('names the setting and its line for each bad logo, the organisation and each grant', () => {
    const dir = fresh();
    writeFileSync(join(dir, 'page.svg'), '<!doctype html><p>hi</p>');
    const text = `organisation:
  name: Example
  logo: page.svg
input:
  outcomes: outcomes.csv
grants:
  g:
    funder: F
    title: T
    brand: { logo: missing.png }
`;
    const config = parseConfig(text, join(dir, 'impact-report.yaml'));
    const problems = logoProblems(config, text);
    expect(problems.map((p) => [p.setting, p.line])).toEqual([
      ['organisation.logo', 3],
      ['grants.g.brand.logo', 10],
    ]);
    expect(problems[0]?.message).toContain('an HTML page');
    expect(problems[1]?.message).toContain('not found');
  });
});
