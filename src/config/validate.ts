import { dirname, resolve } from 'node:path';
import { type Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import type { Config, Grant, Target } from '../domain.js';
import { ExitCode, type Problem, ReportError } from '../errors.js';
import { personalDataIn } from '../ingest/privacy.js';
import { compositesInForce, measuresInForce } from '../measures/in-force.js';
import { type ColourNote, checkGraphicColour, checkTextColour } from '../report/contrast.js';
import {
  CANONICAL_COLUMNS,
  type ConfigFile,
  configJsonSchema,
  configSchema,
  scoreColumns,
} from './schema.js';

const CONFIG_HINT =
  'Fix the configuration file and run again. `impact-report validate` checks it without writing anything.';

type Path = readonly PropertyKey[];
type JsonSchema = {
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  description?: string;
};

/** `grants.powerhouse-2024.measures (item 2)`: list positions counted from 1, as people count. */
export function settingName(path: Path): string {
  let name = '';
  for (const [i, key] of path.entries()) {
    if (typeof key === 'number') name += i === path.length - 1 ? ` (item ${key + 1})` : `[${key + 1}]`;
    else name += `${name ? '.' : ''}${String(key)}`;
  }
  return name;
}

let jsonSchema: JsonSchema | undefined;
/** The JSON Schema node describing the setting at `path`, for known keys and descriptions. */
function schemaAt(path: Path): JsonSchema | undefined {
  jsonSchema ??= configJsonSchema() as JsonSchema;
  let node: JsonSchema | undefined = jsonSchema;
  for (const key of path) {
    if (!node) return undefined;
    const options: JsonSchema[] = node.anyOf ?? [node];
    let next: JsonSchema | undefined;
    for (const option of options) {
      next =
        typeof key === 'number'
          ? option.items
          : (option.properties?.[String(key)] ??
            (typeof option.additionalProperties === 'object' ? option.additionalProperties : undefined));
      if (next) break;
    }
    node = next;
  }
  return node;
}

const squash = (key: string) => key.toLowerCase().replace(/[\s_-]/g, '');

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The known key a misspelt one most likely meant (`colors` → `colours`), if any is close. */
export function closestKey(key: string, known: readonly string[]): string | undefined {
  const exact = known.find((k) => squash(k) === squash(key));
  if (exact) return exact;
  const limit = key.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const k of known) {
    const d = editDistance(squash(key), squash(k));
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best;
}

function unknownKeyMessage(
  parent: Path,
  key: string,
  value: unknown,
  known: readonly string[] = Object.keys(schemaAt(parent)?.properties ?? {}),
): string {
  const guess = closestKey(key, known);
  if (settingName(parent) === 'input.columns') {
    if (typeof value === 'string' && known.includes(value))
      return `"${key}" is not one of the tool's column names; the mapping is the wrong way round: write ${value}: "${key}" (the tool's name first, then your export's header)`;
    return `"${key}" is not one of the tool's column names${guess ? ` (did you mean ${guess}?)` : ''}; input.columns maps a column name (${known.join(', ')}) to your export's header, e.g. episode_id: "Case Ref"`;
  }
  if (guess) return `unknown setting "${key}": did you mean "${guess}"?`;
  return known.length > 0
    ? `unknown setting "${key}" (check the spelling); the settings here are ${known.join(', ')}`
    : `unknown setting "${key}" (check the spelling)`;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'some text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a group of settings',
  record: 'a group of settings',
};

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** zod's own messages start like this; ours (written in schema.ts) say what is expected. */
const isZodDefault = (message: string) => /^(Invalid|Too small|Too big|Unrecognized)/.test(message);

interface Found {
  path: Path;
  message: string;
  value?: string;
}

/** Turns one zod issue into messages a programme manager can act on. */
function describeIssue(issue: z.core.$ZodIssue, raw: unknown, path: Path = issue.path): Found[] {
  switch (issue.code) {
    case 'unrecognized_keys': {
      const parent = valueAt(raw, path) as Record<string, unknown> | undefined;
      return issue.keys.map((key) => ({
        path: [...path, key],
        message: unknownKeyMessage(path, key, parent?.[key]),
      }));
    }
    case 'invalid_union': {
      // Report the branch that got furthest: fewest problems at its root, then fewest type mismatches.
      const ranked = issue.errors
        .map((errors) => {
          const root = errors.filter((e) => e.path.length === 0);
          return { errors, root: root.length, types: root.filter((e) => e.code === 'invalid_type').length };
        })
        .sort((a, b) => a.root - b.root || a.types - b.types);
      const best = ranked[0];
      if (!best || best.errors.length === 0 || (best.types > 0 && !isZodDefault(issue.message)))
        return [
          { path, message: isZodDefault(issue.message) ? 'this value is not valid here' : issue.message },
        ];
      return best.errors.flatMap((e) => describeIssue(e, raw, [...path, ...e.path]));
    }
    case 'invalid_key': {
      const inner = issue.issues[0];
      return [
        {
          path,
          message: inner && !isZodDefault(inner.message) ? inner.message : 'this name is not allowed here',
        },
      ];
    }
    case 'invalid_type': {
      const present = valueAt(raw, path) !== undefined;
      if (!present) {
        const about = schemaAt(path)?.description;
        return [
          {
            path,
            message: `this setting is missing${about ? ` (${lowerFirst(about.replace(/\.$/, ''))})` : ''}; expected ${TYPE_WORDS[issue.expected] ?? issue.expected}`,
          },
        ];
      }
      if (!isZodDefault(issue.message)) return [{ path, message: issue.message }];
      return [{ path, message: `expected ${TYPE_WORDS[issue.expected] ?? issue.expected}` }];
    }
    default:
      if (!isZodDefault(issue.message)) return [{ path, message: issue.message }];
      if (issue.code === 'too_small' && issue.origin === 'array')
        return [{ path, message: 'expected a list with at least one item' }];
      return [{ path, message: issue.message }];
  }
}

/** Line of the YAML key (or list item) at `path`, or of its nearest existing parent. */
function lineOf(doc: Document, counter: LineCounter, path: Path): number | undefined {
  for (let n = path.length; n > 0; n--) {
    const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1), true);
    const key = path[n - 1];
    let start: number | undefined;
    if (isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === String(key));
      start = pair && isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    } else if (isSeq(parent) && typeof key === 'number') {
      const item = parent.items[key] as { range?: [number, number, number] } | undefined;
      start = item?.range?.[0];
    }
    if (start !== undefined) return counter.linePos(start).line;
  }
  return undefined;
}

function valueAt(root: unknown, path: Path): unknown {
  let v: unknown = root;
  for (const k of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

/** Problems in the order of the file, those without a line last. */
const byLine = (problems: Problem[]) =>
  problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (a.p.line ?? Infinity) - (b.p.line ?? Infinity) || a.i - b.i)
    .map(({ p }) => p);

const shown = (value: unknown) =>
  value === undefined || value === null || typeof value === 'object' ? undefined : String(value);

/**
 * A setting's value as a problem may print it: never a story's words (data.md §8), nor anything
 * that looks like personal data.
 */
function printable(path: Path, value: unknown): string | undefined {
  if (path[0] === 'grants' && path[2] === 'stories') return undefined;
  const text = shown(value);
  return text === undefined || personalDataIn(text) ? undefined : text;
}

/** Deeper than any configuration needs; the YAML parser's work grows steeply with nesting. */
const MAX_FLOW_DEPTH = 64;

/**
 * The line where `[` and `{` first nest deeper than MAX_FLOW_DEPTH, if they do. Counted over
 * the raw text (quotes and comments included), so it errs towards refusing: no real
 * configuration comes near the limit.
 */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    else if (c === 91 || c === 123) {
      if (++depth > MAX_FLOW_DEPTH) return line;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return undefined;
}

/** Parses and validates impact-report.yaml text (data.md §3). Pure: the caller reads the file. */
export function parseConfig(text: string, path: string): Config {
  const deep = tooDeep(text);
  if (deep !== undefined)
    throw new ReportError(`The configuration file ${path} has a problem.`, ExitCode.usage, CONFIG_HINT, [
      {
        file: path,
        line: deep,
        message: `lists or groups in [ ] or { } are nested more than ${MAX_FLOW_DEPTH} deep here; a configuration never needs that, so the file was not read further`,
      },
    ]);
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
        line: e.linePos?.[0]?.line ?? counter.linePos(e.pos[0]).line,
        message: /call stack/i.test(e.message)
          ? 'settings are nested so deeply here that the file cannot be read; a configuration never needs that'
          : `this is not valid YAML: ${e.message.split('\n')[0]}. Check the indentation (spaces, not tabs) and that every "key:" has a space after the colon`,
      })),
    );
  }
  if (!isMap(doc.contents)) {
    throw fail([
      {
        file: path,
        line: 1,
        message: 'expected settings such as "organisation:", "input:" and "grants:", each on its own line',
      },
    ]);
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 }) as unknown;
  } catch (error) {
    const aliases = /alias/i.test((error as Error).message);
    throw fail([
      {
        file: path,
        message: aliases
          ? 'this YAML repeats anchors (*aliases) so often that reading it would never end; write the settings out instead of repeating them with & and *'
          : `this YAML cannot be read: ${(error as Error).message}`,
      },
    ]);
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw fail(
      byLine(
        parsed.error.issues.flatMap((issue) =>
          describeIssue(issue, raw).map(
            ({ path: at, message }) =>
              ({
                file: path,
                line: lineOf(doc, counter, at),
                setting: settingName(at) || undefined,
                value: issue.code === 'unrecognized_keys' ? undefined : printable(at, valueAt(raw, at)),
                message,
              }) satisfies Problem,
          ),
        ),
      ),
    );
  }
  const clashes = columnClashes(parsed.data.input.columns).map(
    ([first, second, header]): Problem => ({
      file: path,
      line: lineOf(doc, counter, ['input', 'columns', second]),
      setting: `input.columns.${second}`,
      value: header,
      message: `${first} and ${second} are both mapped to the header "${header}"; each column can be mapped once`,
    }),
  );
  const crossed = crossCheck(parsed.data).map(
    ({ path: at, message, value }): Problem => ({
      file: path,
      line: lineOf(doc, counter, at),
      setting: settingName(at),
      value,
      message,
    }),
  );
  if (clashes.length + crossed.length > 0) throw fail(byLine([...clashes, ...crossed]));
  return toConfig(parsed.data, path);
}

/**
 * What the schema alone cannot see (data.md §6): that every measure id a setting names is
 * known, composites read measures, a listed composite's measures are listed too, cut-offs lie in
 * their measure's range, and `input.columns` maps only column names the tool reads.
 */
function crossCheck(file: ConfigFile): Found[] {
  const found: Found[] = [];
  const measures = measuresInForce(file.measures, {});
  const measureIds = measures.map((m) => m.id);
  const composites = compositesInForce(file.composites);
  const compositeIds = composites.map((c) => c.id);
  const known = [...measureIds, ...compositeIds];
  const unknownMeasure = (id: string, among: readonly string[]) => {
    const guess = closestKey(id, among);
    return `there is no measure "${id}"${guess ? ` (did you mean ${guess}?)` : ''}; the ones known here are ${among.join(', ')} (a new measure is defined under measures:, a new composite under composites:)`;
  };

  for (const [id, override] of Object.entries(file.thresholds)) {
    const m = measures.find((x) => x.id === id);
    if (!m) {
      found.push({ path: ['thresholds', id], message: unknownMeasure(id, measureIds) });
      continue;
    }
    const cutoff = override?.clinicalCutoff;
    if (cutoff !== undefined && cutoff !== null && (cutoff < m.min || cutoff > m.max))
      found.push({
        path: ['thresholds', id, 'clinicalCutoff'],
        value: String(cutoff),
        message: `expected a cut-off within the ${m.name}'s range, ${m.min} to ${m.max}`,
      });
  }
  for (const [id, c] of Object.entries(file.composites)) {
    if (measureIds.includes(id))
      found.push({
        path: ['composites', id],
        message: `"${id}" is already the id of a measure; give the composite another id`,
      });
    const seen = new Set<string>();
    for (const [i, m] of c.measures.entries()) {
      if (seen.has(m))
        found.push({
          path: ['composites', id, 'measures', i],
          value: m,
          message: `${m} is listed twice; a composite reads two or more different measures`,
        });
      else if (!measureIds.includes(m))
        found.push({
          path: ['composites', id, 'measures', i],
          value: m,
          message: compositeIds.includes(m)
            ? `${m} is a composite; a composite reads measures, not other composites`
            : unknownMeasure(m, measureIds),
        });
      seen.add(m);
    }
  }
  for (const [grantId, g] of Object.entries(file.grants)) {
    if (!g.measures) continue;
    for (const [i, id] of g.measures.entries()) {
      if (!known.includes(id)) {
        found.push({
          path: ['grants', grantId, 'measures', i],
          value: id,
          message: unknownMeasure(id, known),
        });
        continue;
      }
      const c = composites.find((x) => x.id === id);
      const missing = c?.measures.filter((m) => !g.measures?.includes(m)) ?? [];
      if (c && missing.length > 0)
        found.push({
          path: ['grants', grantId, 'measures', i],
          value: id,
          message: `the composite ${id} reads ${listed(c.measures)}, so ${missing.length === 1 ? 'that measure' : 'those measures'} must be listed too: add ${listed(missing)} to this list`,
        });
    }
  }
  for (const [grantId, g] of Object.entries(file.grants))
    for (const [i, story] of (g.stories ?? []).entries())
      for (const part of ['quote', 'who'] as const) {
        const kind = story[part] === undefined ? undefined : personalDataIn(story[part]);
        // The text is never echoed: the grant and the story's position say where to look.
        if (kind)
          found.push({
            path: ['grants', grantId, 'stories', i, part],
            message: `story ${i + 1} of the grant "${grantId}" holds what looks like ${kind} in its ${part === 'quote' ? 'quote' : 'attribution (who)'}; a story must not identify anyone: remove it from the text (it is not shown here, to keep it private)`,
          });
      }
  for (const name of Object.keys(file.profile)) {
    const own: string[] = [...CANONICAL_COLUMNS, ...Object.keys(file.measures).flatMap(scoreColumns)];
    const taken = own.includes(name);
    if (taken)
      found.push({
        path: ['profile', name],
        message: `${name} is one of the tool's own columns, not a profile column; choose another name`,
      });
  }
  const columns: string[] = [
    ...CANONICAL_COLUMNS,
    ...Object.keys(file.measures).flatMap(scoreColumns),
    ...Object.keys(file.profile),
  ];
  for (const [name, header] of Object.entries(file.input.columns)) {
    if (columns.includes(name)) continue;
    found.push({
      path: ['input', 'columns', name],
      message: unknownKeyMessage(['input', 'columns'], name, header, columns),
    });
  }
  return found;
}

const listed = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

/** Pairs of canonical names that `input.columns` maps to the same header. */
function columnClashes(columns: Record<string, string | undefined>): [string, string, string][] {
  const seen = new Map<string, string>();
  const clashes: [string, string, string][] = [];
  for (const [name, header] of Object.entries(columns)) {
    if (header === undefined) continue;
    const key = header.trim().toLowerCase().replace(/\s+/g, '_');
    const first = seen.get(key);
    if (first) clashes.push([first, name, header]);
    else seen.set(key, name);
  }
  return clashes;
}

/**
 * The colours the reports print in: a primary (text, headings, behind white text) darkened until
 * it reaches 4.5:1, an accent (chart bars) noted when its bars need an outline to reach 3:1.
 * Each note names the setting the colour was written in, once however many grants inherit it.
 */
function accessibleColours(file: ConfigFile) {
  const notes = new Map<string, ColourNote>();
  const org = file.organisation.colours;
  const orgAccentSetting = org.accent ? 'organisation.colours.accent' : 'organisation.colours.primary';
  const text = (setting: string, colour: string) => {
    const checked = checkTextColour(setting, colour);
    if (checked.note) notes.set(`${setting} text`, checked.note);
    return checked.colour;
  };
  const graphic = (setting: string, colour: string) => {
    const note = checkGraphicColour(setting, colour);
    if (note) notes.set(`${setting} graphics`, note);
    return colour;
  };
  const organisation = {
    primary: text('organisation.colours.primary', org.primary),
    accent: org.accent ?? org.primary,
  };
  const grants = Object.fromEntries(
    Object.entries(file.grants).map(([id, g]) => {
      const own = g.brand?.colours;
      const setting = (key: string) => `grants.${id}.brand.colours.${key}`;
      const primary = own?.primary
        ? text(setting('primary'), own.primary)
        : text('organisation.colours.primary', org.primary);
      const [accentSetting, accent] = own?.accent
        ? [setting('accent'), own.accent]
        : own?.primary
          ? [setting('primary'), own.primary]
          : [orgAccentSetting, organisation.accent];
      return [id, { primary, accent: graphic(accentSetting, accent) }];
    }),
  );
  return { organisation, grants, notes: [...notes.values()] };
}

function toConfig(file: ConfigFile, path: string): Config {
  const base = dirname(resolve(path));
  const at = (p: string) => resolve(base, p);
  const org = file.organisation;
  const colours = accessibleColours(file);
  const orgColours = colours.organisation;
  const grants: Grant[] = Object.entries(file.grants).map(([id, g]) => ({
    id,
    funder: g.funder,
    title: g.title,
    defaultPeriod: g.period,
    match: g.match,
    logo: g.brand?.logo ? at(g.brand.logo) : undefined,
    colours: colours.grants[id] as Grant['colours'],
    theme: g.brand?.theme ?? 'default',
    measures: g.measures ? [...new Set(g.measures)] : null,
    narrative: g.narrative?.trim() || undefined,
    stories: (g.stories ?? []).map((s) => ({ quote: s.quote, who: s.who })),
    targets: Object.entries(g.targets ?? {}).map(([field, t]): Target => {
      if (typeof t === 'number') return { field, label: null, direction: 'atLeast', target: t };
      return t.atMost !== undefined
        ? { field, label: t.label ?? null, direction: 'atMost', target: t.atMost }
        : { field, label: t.label ?? null, direction: 'atLeast', target: t.atLeast ?? Number.NaN };
    }),
  }));
  const columns: Record<string, string> = {};
  for (const [name, header] of Object.entries(file.input.columns))
    if (header !== undefined) columns[name] = header;
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
      columns,
      ignoreColumns: file.input.ignoreColumns,
    },
    measures: measuresInForce(file.measures, file.thresholds),
    composites: compositesInForce(file.composites),
    profile: Object.entries(file.profile).map(([column, p]) =>
      p.categories
        ? { column, label: p.label, kind: 'category' as const, categories: p.categories }
        : { column, label: p.label, kind: 'flag' as const, phrase: p.phrase },
    ),
    disclosure: file.disclosure,
    grants,
    colourNotes: colours.notes,
  };
}

/** The line of the setting at `path` in impact-report.yaml text, for problems found after parsing. */
export function settingLine(text: string, path: Path): number | undefined {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return lineOf(doc, counter, path);
}

/**
 * statistics.md `targets`: a target naming no numeric field of the grant's model is a
 * configuration error at its line, suggesting the nearest valid path. The model is known only
 * after the exports are read (a grant without `measures:` reports what the export has), so the
 * caller finds the unknown paths and this turns them into problems.
 */
export function targetProblems(
  text: string,
  path: string,
  grantId: string,
  unknown: readonly { field: string; nearest: string | undefined }[],
): Problem[] {
  // Asked for every report of a batch: the configuration is parsed again only to place a problem.
  if (unknown.length === 0) return [];
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  return unknown.map(({ field, nearest }) => ({
    file: path,
    line: lineOf(doc, counter, ['grants', grantId, 'targets', field]),
    setting: `grants.${grantId}.targets.${field}`,
    message: `this grant's report has no figure "${field}"${nearest ? ` (did you mean ${nearest}?)` : ''}; a target names one number of the report by its path in the JSON output (--format json), e.g. activity.familiesServed or outcomes.<measure>.pctImproved`,
  }));
}
