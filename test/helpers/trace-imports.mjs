// Loaded with `node --import`: records every module URL the process resolves into TRACE_FILE,
// so a test can prove which heavy dependencies a command loads.
import { register } from 'node:module';

register(new URL('./trace-imports-hooks.mjs', import.meta.url), { data: { file: process.env.TRACE_FILE } });
