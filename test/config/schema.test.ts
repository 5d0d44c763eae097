import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CANONICAL_COLUMNS, configJsonSchema, configJsonSchemaText } from '../../src/config/schema.js';
import { BUILT_IN_MEASURES } from '../../src/measures/catalogue.js';
import { ROOT } from '../helpers/cli.js';

type Node = {
  properties?: Record<string, Node>;
  items?: Node;
  enum?: string[];
  description?: string;
  examples?: unknown[];
};

describe('the published JSON Schema (schema/impact-report.schema.json)', () => {
  it('is exactly what `npm run schema` would write now, so it cannot drift from the code', () => {
    const committed = readFileSync(join(ROOT, 'schema', 'impact-report.schema.json'), 'utf8');
    expect(committed).toBe(configJsonSchemaText());
  });

  it('is draft-07 and closes every group of settings, so editors flag misspelt keys', () => {
    const schema = configJsonSchema() as Node & { $schema: string; additionalProperties: boolean };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties ?? {})).toEqual([
      'organisation',
      'input',
      'measures',
      'composites',
      'profile',
      'thresholds',
      'disclosure',
      'grants',
    ]);
  });

  it('offers the column names, the measures and the date forms for completion, with descriptions', () => {
    const schema = configJsonSchema() as Node & { properties: Record<string, Node> };
    const input = schema.properties.input as Node & { properties: Record<string, Node> };
    expect(Object.keys(input.properties.columns?.properties ?? {})).toEqual(CANONICAL_COLUMNS);
    expect(input.properties.dateFormat?.enum).toEqual(['YYYY-MM-DD', 'DD/MM/YYYY']);
    const grant = (schema.properties.grants as { additionalProperties: Node })
      .additionalProperties as Node & {
      properties: Record<string, Node>;
    };
    const ids = BUILT_IN_MEASURES.map((m) => m.id);
    for (const id of ids) expect(grant.properties.measures?.description).toContain(id);
    expect(grant.properties.measures?.examples).toEqual([['pirgas', 'phq9', 'gad7']]);
    // Every built-in measure's thresholds and score columns are offered, with its range and direction.
    const thresholds = schema.properties.thresholds as Node & { properties: Record<string, Node> };
    expect(Object.keys(thresholds.properties)).toEqual(ids);
    expect(thresholds.properties.phq9?.description).toBe('PHQ-9 (0-27, lower is better).');
    for (const id of ids) expect(CANONICAL_COLUMNS).toContain(`${id}_post`);
    expect(grant.properties.period?.description).toMatch(/FY2024-25/);
  });
});
