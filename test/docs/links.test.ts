import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/**
 * Users clone only this repository: every relative link in README.md and docs/*.md must lead
 * to a file the repository holds (tracked by git, so a fresh clone has it, not a build output),
 * and a link to a heading (#anchor) to a heading that is there.
 */

const pages = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const tracked = new Set(
  execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean),
);
/** Tracked files and the folders that hold them. */
const inRepository = (path: string) =>
  tracked.has(path) || [...tracked].some((file) => file.startsWith(`${path.replace(/\/$/, '')}/`));

/** The page without fenced code blocks and inline code, where a bracket is not a link. */
const prose = (markdown: string) => markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '`…`');

/** Markdown links, images, reference definitions and HTML href/src, in the page's prose. */
function linksOf(markdown: string): string[] {
  const text = prose(markdown);
  return [
    ...[...text.matchAll(/!?\[(?:[^\]]|\][^(])*?\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map(
      (m) => m[1] as string,
    ),
    ...[...text.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((m) => m[1] as string),
    ...[...text.matchAll(/\b(?:href|src)="([^"]+)"/g)].map((m) => m[1] as string),
  ];
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const m of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = (m[1] as string)
      .replace(/`/g, '')
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

describe('links in the documentation', () => {
  it('finds the pages and the links in them', () => {
    expect(pages).toContain('README.md');
    expect(pages).toContain('docs/decisions.md');
    const readme = linksOf(readFileSync(join(ROOT, 'README.md'), 'utf8'));
    expect(readme).toContain('docs/decisions.md');
  });

  it.each(pages)('every relative link in %s resolves inside the repository', (page) => {
    const markdown = readFileSync(join(ROOT, page), 'utf8');
    const broken: string[] = [];
    for (const link of linksOf(markdown)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto: and the like
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : relative(ROOT, resolve(dirname(join(ROOT, page)), decodeURI(path)));
      if (target.startsWith('..') || !inRepository(target)) {
        broken.push(`${link} (no such file in the repository: ${target})`);
        continue;
      }
      if (
        anchor &&
        target.endsWith('.md') &&
        !anchorsOf(readFileSync(join(ROOT, target), 'utf8')).has(anchor)
      )
        broken.push(`${link} (no heading #${anchor} in ${target})`);
    }
    expect(broken).toEqual([]);
  });
});

describe('the link checker itself', () => {
  it('reads inline links, images, references and HTML, and skips code', () => {
    const md = [
      'See [a](docs/a.md) and ![logo](brand/x.svg "Logo"), [b][ref] and <a href="c.md">c</a>.',
      '`[not](a-link.md)`',
      '```',
      '[not](either.md)',
      '```',
      '[ref]: docs/b.md#part',
    ].join('\n');
    expect(linksOf(md)).toEqual(['docs/a.md', 'brand/x.svg', 'docs/b.md#part', 'c.md']);
  });

  it('makes anchors as GitHub does', () => {
    expect([
      ...anchorsOf('# Exit status\n## What it reads\n## `impact-report.yaml`: the file\n## Exit status'),
    ]).toEqual(['exit-status', 'what-it-reads', 'impact-reportyaml-the-file', 'exit-status-1']);
  });
});
