import { configJsonSchema } from './schema.js';

/**
 * docs/configuration.md, written from the published JSON Schema of impact-report.yaml (itself
 * generated from the zod schema the tool validates with), so the reference cannot drift from
 * the code: `npm run docs:config` writes it and test/config/reference.test.ts fails when the
 * committed file differs. Generic: it walks whatever the schema holds (nested settings, lists,
 * records keyed by an id, alternatives).
 */

interface Node {
  type?: string | string[];
  description?: string;
  title?: string;
  default?: unknown;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  items?: Node | Node[];
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: boolean | Node;
  propertyNames?: Node;
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
}

interface Row {
  setting: string;
  type: string;
  default: string;
  required: boolean;
  description: string;
}

const code = (text: string) => `\`${text}\``;
const literal = (value: unknown) => code(JSON.stringify(value));
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'number',
  integer: 'whole number',
  boolean: '`true` or `false`',
  array: 'list',
  object: 'settings',
  null: '`null`',
};

const alternatives = (node: Node) => node.anyOf ?? node.oneOf;
const isGroup = (node: Node) =>
  node.properties !== undefined || typeof node.additionalProperties === 'object';

/** A record's key as a placeholder: `grants` → `<grant-id>`. */
const placeholder = (key: string) => `<${key.replace(/ies$/, 'y').replace(/s$/, '')}-id>`;

function bounds(node: Node): string {
  const low =
    node.exclusiveMinimum !== undefined
      ? `above ${node.exclusiveMinimum}`
      : node.minimum !== undefined
        ? `at least ${node.minimum}`
        : undefined;
  const high =
    node.exclusiveMaximum !== undefined
      ? `below ${node.exclusiveMaximum}`
      : node.maximum !== undefined
        ? `at most ${node.maximum}`
        : undefined;
  // zod writes the largest safe integer as the bound of a whole number with none of its own.
  if (node.maximum === Number.MAX_SAFE_INTEGER) return low ? ` ${low}` : '';
  if (node.minimum !== undefined && node.maximum !== undefined)
    return ` from ${node.minimum} to ${node.maximum}`;
  return [low, high]
    .filter(Boolean)
    .map((b) => ` ${b}`)
    .join(',');
}

/** What a value may be, in words: `text matching …`, `"a" or "b"`, `list of …`. */
export function typeInWords(node: Node, key = ''): string {
  if (node.const !== undefined) return literal(node.const);
  if (node.enum) return node.enum.map(literal).join(' or ');
  const options = alternatives(node);
  if (options) return options.map((o) => typeInWords(o, key)).join(', or ');
  const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
  if (types.length === 0) return isGroup(node) ? 'settings' : 'anything';
  return types
    .map((type) => {
      const word = TYPE_WORDS[type] ?? type;
      if (type === 'string') return node.pattern ? `text matching ${code(node.pattern)}` : word;
      if (type === 'number' || type === 'integer') return `${word}${bounds(node)}`;
      if (type === 'array') {
        const items = Array.isArray(node.items) ? node.items[0] : node.items;
        const of = items ? ` of ${typeInWords(items)}` : '';
        return `${word}${of}${node.minItems ? ` (at least ${node.minItems})` : ''}`;
      }
      if (type === 'object') {
        if (node.properties) return 'settings (below)';
        if (typeof node.additionalProperties === 'object') {
          const names = node.propertyNames?.pattern
            ? `, each under a key matching ${code(node.propertyNames.pattern)}`
            : '';
          const least = node.minProperties ? ` (at least ${node.minProperties})` : '';
          return `one entry per ${code(placeholder(key))}${names}${least}`;
        }
        return word;
      }
      return word;
    })
    .join(' or ');
}

/**
 * Every setting under `node`, depth first, each after the group that holds it (the section
 * itself is described above its table). A setting without a description points to its group's.
 */
function rows(node: Node, path: string, key: string, required: boolean, out: Row[], parent?: string): void {
  if (parent !== undefined)
    out.push({
      setting: path,
      type: typeInWords(node, key),
      default: node.default === undefined ? '' : literal(node.default),
      required,
      description: node.description ?? `See ${code(parent)}.`,
    });
  const children = (group: Node, prefix: string) => {
    for (const [name, child] of Object.entries(group.properties ?? {}))
      rows(child, `${prefix}.${name}`, name, (group.required ?? []).includes(name), out, path);
    if (typeof group.additionalProperties === 'object')
      rows(group.additionalProperties, `${prefix}.${placeholder(key)}`, key, true, out, path);
  };
  children(node, path);
  // Settings inside alternatives and inside list items are listed too.
  for (const option of alternatives(node) ?? []) if (isGroup(option)) children(option, path);
  const items = Array.isArray(node.items) ? node.items[0] : node.items;
  if (items && isGroup(items)) children(items, `${path}[]`);
}

const dedupe = (list: Row[]) =>
  list.filter((row, i) => list.findIndex((r) => r.setting === row.setting) === i);

/** The whole page, from a JSON Schema (the tool's own by default). */
export function configurationReference(schema: Node = configJsonSchema() as Node): string {
  const lines = [
    '# Configuration reference: `impact-report.yaml`',
    '',
    '<!-- Generated by `npm run docs:config` from src/config/schema.ts. Do not edit by hand:',
    '     test/config/reference.test.ts fails when this file differs from what the schema gives. -->',
    '',
  ];
  if (schema.description) lines.push(schema.description, '');
  lines.push(
    "Each table lists a section's settings by their full path (`<grant-id>` stands for the key you",
    'choose). "Required" is whether the setting must be there when its section is; a default is what',
    'the tool uses when it is left out. The same schema is published for editors as',
    '[`schema/impact-report.schema.json`](../schema/impact-report.schema.json); `impact-report validate`',
    'checks a file against it and names the line of each problem.',
    '',
  );
  for (const [name, section] of Object.entries(schema.properties ?? {})) {
    const required = (schema.required ?? []).includes(name);
    lines.push(`## \`${name}\``, '');
    const about = [section.description, required ? 'Required.' : 'Optional.'].filter(Boolean).join(' ');
    lines.push(about, '');
    const list: Row[] = [];
    rows(section, name, name, required, list);
    lines.push(
      '| Setting | Type or allowed values | Default | Required | Description |',
      '|---|---|---|---|---|',
    );
    for (const row of dedupe(list))
      lines.push(
        `| ${[code(row.setting), row.type, row.default, row.required ? 'yes' : 'no', row.description].map(cell).join(' | ')} |`,
      );
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
