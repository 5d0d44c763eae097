import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The project's folder: the same from src/ (tests) and dist/ (the built tool). */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../templates/', import.meta.url));
export const FONTS_DIR = fileURLToPath(new URL('../templates/fonts/', import.meta.url));

export const FONT_FAMILY = 'Source Sans 3';
/** The shipped font files (SIL Open Font Licence), by CSS weight. */
export const FONT_FILES = [
  { file: 'SourceSans3_400Regular.ttf', weight: '400', style: 'normal', postscript: 'SourceSans3-Regular' },
  {
    file: 'SourceSans3_400Regular_Italic.ttf',
    weight: '400',
    style: 'italic',
    postscript: 'SourceSans3-Italic',
  },
  { file: 'SourceSans3_600SemiBold.ttf', weight: '600', style: 'normal', postscript: 'SourceSans3-SemiBold' },
  { file: 'SourceSans3_700Bold.ttf', weight: '700', style: 'normal', postscript: 'SourceSans3-Bold' },
] as const;

let version: string | undefined;
/** The tool's version, from package.json. */
export function toolVersion(): string {
  version ??= (
    JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  ).version;
  return version;
}
