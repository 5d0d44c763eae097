import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FONTS_DIR } from '../paths.js';
import { xmlText } from '../xml.js';

/**
 * A fontconfig file that knows only the shipped fonts. Chromium started with FONTCONFIG_FILE
 * pointing at it uses them in the body and in the header and footer (which ignore web fonts),
 * and has no system font to fall back to.
 */
export function fontConfigFile(): string {
  const dir = join(
    tmpdir(),
    `impact-report-fonts-${createHash('sha256').update(FONTS_DIR).digest('hex').slice(0, 12)}`,
  );
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>${xmlText(FONTS_DIR)}</dir>
  <cachedir>${xmlText(join(dir, 'cache'))}</cachedir>
  <config></config>
</fontconfig>
`,
  );
  return file;
}
