// Builds dist/: the TypeScript in src/ bundled by esbuild into a few ES modules, so that a run
// loads a handful of files rather than the two thousand its dependencies come as (a fifth of a
// second of a cold report went on finding and reading them: docs/benchmarks.md). Types are
// checked by `npm run typecheck`, not here.
//   node scripts/build.mjs
// Every file lands in dist/ itself, chunks included: src/paths.ts finds the project one folder
// up from whichever file its code ends in, and src/ingest/parts.ts finds the worker beside it.
// Code loaded only by some commands stays in chunks of its own (esbuild splits at each dynamic
// import), so `--help`, `validate` and JSON runs still never load pdf-lib or puppeteer.
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url);
const dist = new URL('dist/', root);
rmSync(dist, { recursive: true, force: true });
await build({
  absWorkingDir: fileURLToPath(root),
  entryPoints: [
    'src/cli.ts',
    // A worker thread's own entry (src/ingest/parts.ts starts it by this name, beside itself).
    'src/ingest/outcomes-worker.ts',
    // Imported from dist/ by test/ingest/parts.test.ts, which needs the worker built.
    'src/ingest/parts.ts',
    'src/ingest/outcomes.ts',
    'src/errors.ts',
    // Imported from dist/ by the benchmarks (bench/browser.mjs): the browser the tool would use.
    'src/pdf/browser.ts',
  ],
  entryNames: '[name]',
  chunkNames: 'chunk-[hash]',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // puppeteer finds its own files and configuration at run time; canvas is a native addon.
  external: ['puppeteer', 'canvas'],
  // CommonJS dependencies inside an ES module still need `require` for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  // Licence notices of the bundled packages are kept, at the end of each file.
  legalComments: 'eof',
  logLevel: 'warning',
});
chmodSync(new URL('cli.js', dist), 0o755);
