/**
 * Writes docs/configuration.md, the reference of every setting of impact-report.yaml, from the
 * zod schema the tool validates with (src/config/schema.ts, through its JSON Schema), so the two
 * cannot drift: test/config/reference.test.ts fails when the committed file differs.
 *
 *   npm run docs:config
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configurationReference } from '../src/config/reference.js';

const target = fileURLToPath(new URL('../docs/configuration.md', import.meta.url));
writeFileSync(target, configurationReference());
console.log(`wrote ${target}`);
