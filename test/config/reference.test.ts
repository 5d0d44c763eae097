import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurationReference, typeInWords } from '../../src/config/reference.js';
import { configJsonSchema } from '../../src/config/schema.js';
import { ROOT } from '../helpers/cli.js';

type Node = { properties?: Record<string, Node>; additionalProperties?: Node | boolean };

/** Every setting path the JSON Schema holds, records written as `<key-id>`. */
function paths(node: Node, prefix: string, key: string): string[] {
  const out: string[] = [];
  for (const [name, child] of Object.entries(node.properties ?? {}))
    out.push(`${prefix}${name}`, ...paths(child, `${prefix}${name}.`, name));
  if (typeof node.additionalProperties === 'object') {
    const id = `<${key.replace(/s$/, '')}-id>`;
    out.push(`${prefix.slice(0, -1)}.${id}`, ...paths(node.additionalProperties, `${prefix}${id}.`, id));
  }
  return out;
}

describe('docs/configuration.md', () => {
  it('is exactly what `npm run docs:config` would write now, so it cannot drift from the schema', () => {
    const committed = readFileSync(join(ROOT, 'docs', 'configuration.md'), 'utf8');
    expect(committed).toBe(configurationReference());
  });

  it('has a row for every setting the schema knows, with its description', () => {
    const page = configurationReference();
    const all = paths(configJsonSchema() as Node, '', '');
    expect(all).toContain('grants.<grant-id>.brand.colours.accent');
    for (const path of all.filter((p) => p.includes('.'))) expect(page).toContain(`| \`${path}\` |`);
    expect(page).toMatch(
      /\| `input\.dateFormat` \| `"YYYY-MM-DD"` or `"DD\/MM\/YYYY"` \| `"YYYY-MM-DD"` \| no \| How dates are written/,
    );
    expect(page).toMatch(/\| `organisation\.name` \| text \| {2}\| yes \| The organisation's name/);
    expect(page).toContain('## `grants`');
  });
});

describe('the generator walks any JSON Schema', () => {
  it('describes alternatives, lists, bounds, records and nested settings in words', () => {
    expect(
      typeInWords({ anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, minItems: 1 }] }),
    ).toBe('text, or list of text (at least 1)');
    expect(typeInWords({ type: 'integer', minimum: 1, maximum: 12 })).toBe('whole number from 1 to 12');
    expect(typeInWords({ type: 'number', exclusiveMinimum: 0 })).toBe('number above 0');
    expect(typeInWords({ type: ['string', 'number'] })).toBe('text or number');
    expect(typeInWords({ enum: ['a', 'b'] })).toBe('`"a"` or `"b"`');
    expect(typeInWords({ type: 'object', additionalProperties: { type: 'number' } }, 'measures')).toBe(
      'one entry per `<measure-id>`',
    );
  });

  it('writes a section per top-level setting, with records, items and alternatives opened up', () => {
    const page = configurationReference({
      type: 'object',
      required: ['measures'],
      properties: {
        measures: {
          type: 'object',
          description: 'Your own measures.',
          additionalProperties: {
            type: 'object',
            required: ['range'],
            properties: {
              range: { type: 'array', items: { type: 'number' }, description: 'Lowest and highest score.' },
              bands: {
                type: 'array',
                items: { type: 'object', properties: { label: { type: 'string', description: 'A band.' } } },
              },
              cutoff: {
                anyOf: [{ type: 'number' }, { type: 'object', properties: { at: { type: 'number' } } }],
              },
            },
          },
        },
      },
    } as never);
    expect(page).toContain('## `measures`\n\nYour own measures. Required.');
    expect(page).toContain(
      '| `measures.<measure-id>.range` | list of number |  | yes | Lowest and highest score. |',
    );
    expect(page).toContain('| `measures.<measure-id>.bands[].label` | text |  | no | A band. |');
    expect(page).toContain(
      '| `measures.<measure-id>.cutoff.at` | number |  | no | See `measures.<measure-id>.cutoff`. |',
    );
  });
});
