/**
 * Writes schema/impact-report.schema.json, the published JSON Schema of impact-report.yaml,
 * from the zod schema the tool validates with (src/config/schema.ts), so the two cannot drift:
 * test/config/schema.test.ts fails when the committed file differs from what this writes.
 *
 *   npm run schema
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchemaText } from '../src/config/schema.js';

const target = fileURLToPath(new URL('../schema/impact-report.schema.json', import.meta.url));
writeFileSync(target, configJsonSchemaText());
console.log(`wrote ${target}`);
