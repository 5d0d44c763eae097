/**
 * Writes docs/measures.md, the users' page on outcome measures, from the catalogue itself
 * (src/measures), so the page cannot drift from the code: test/measures/doc.test.ts fails when
 * the committed file differs from what this writes.
 *
 *   npm run docs:measures
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { measuresDoc } from '../src/measures/doc.js';

const target = fileURLToPath(new URL('../docs/measures.md', import.meta.url));
writeFileSync(target, measuresDoc());
console.log(`wrote ${target}`);
