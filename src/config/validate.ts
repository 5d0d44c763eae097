import { dirname, resolve } from 'node:path';
import { isMap, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { type Config, DEFAULT_THRESHOLDS, type Grant, type Thresholds } from '../domain.js';
import { ExitCode, type Problem, ReportError } from '../errors.js';
import { type ConfigFile, configSchema, MEASURES } from './schema.js';

const CONFIG_HINT =
  'Fix the configuration file and run again. `impact-report validate` checks it without writing anything.';

function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'unrecognized_keys':
      return `unknown setting${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`;
    case 'invalid_type':
      if (issue.input === undefined) return `this setting is required (expected ${issue.expected})`;
      return `expected ${issue.expected === 'object' ? 'a group of settings' : issue.expected}`;
    default:
      return issue.message;
  }
}

/** Line of the YAML node at `path`, or of its nearest existing parent. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: PropertyKey[],
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return undefined;
}

const keyPath = (path: PropertyKey[]) => path.map(String).join('.');

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Parses and validates impact-report.yaml text (data.md §3). Pure: the caller reads the file. */
export function parseConfig(text: string, path: string): Config {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const fail = (problems: Problem[]) =>
    new ReportError(
      `The configuration file ${path} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}.`,
      ExitCode.usage,
      CONFIG_HINT,
      problems,
    );

  if (doc.errors.length > 0) {
    throw fail(
      doc.errors.map((e) => ({
        file: path,
        line: e.linePos?.[0]?.line,
        message: `this is not valid YAML: ${e.message.split('\n')[0]}`,
      })),
    );
  }
  const raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isMap(doc.contents)) {
    throw fail([
      { file: path, line: 1, message: 'expected settings such as "organisation:", "input:" and "grants:"' },
    ]);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw fail(
      parsed.error.issues.map((issue) => {
        const value = valueAt(raw, issue.path);
        const shown = value === undefined || typeof value === 'object' ? undefined : String(value);
        return {
          file: path,
          line: lineOf(doc, counter, issue.path),
          column: keyPath(issue.path) || undefined,
          value: shown,
          message: describeIssue(issue),
        } satisfies Problem;
      }),
    );
  }
  return toConfig(parsed.data, path);
}

function toConfig(file: ConfigFile, path: string): Config {
  const base = dirname(resolve(path));
  const at = (p: string) => resolve(base, p);
  const org = file.organisation;
  const orgColours = { primary: org.colours.primary, accent: org.colours.accent ?? org.colours.primary };
  const thresholds = Object.fromEntries(
    MEASURES.map((m) => [m, { ...DEFAULT_THRESHOLDS[m], ...file.thresholds[m] }]),
  ) as Thresholds;
  const grants: Grant[] = Object.entries(file.grants).map(([id, g]) => ({
    id,
    funder: g.funder,
    title: g.title,
    defaultPeriod: g.period,
    match: g.match,
    logo: g.brand?.logo ? at(g.brand.logo) : undefined,
    colours: {
      primary: g.brand?.colours?.primary ?? orgColours.primary,
      accent: g.brand?.colours?.accent ?? g.brand?.colours?.primary ?? orgColours.accent,
    },
    theme: g.brand?.theme ?? 'default',
    measures: [...new Set(g.measures)],
    narrative: g.narrative?.trim() || undefined,
  }));
  return {
    path: resolve(path),
    organisation: {
      name: org.name,
      shortName: org.shortName,
      charityNumber: org.charityNumber,
      financialYearStart: org.financialYearStart,
      logo: org.logo ? at(org.logo) : undefined,
      colours: orgColours,
    },
    input: {
      outcomes: at(file.input.outcomes),
      referrals: file.input.referrals ? at(file.input.referrals) : undefined,
      dateFormat: file.input.dateFormat,
      columns: file.input.columns,
      ignoreColumns: file.input.ignoreColumns,
    },
    thresholds,
    disclosure: file.disclosure,
    grants,
  };
}
