// Where the export engine's files are at run time. In development (tsx, vitest) they sit next to this
// module (electron/export/templates, electron/export/fonts.conf); in the built app build/build.mjs copies
// them to dist/export/, one folder up from the bundles (dist/node/cli.cjs, dist/electron/main.cjs).
// ZONEDESK_TEMPLATES_DIR and ZONEDESK_FONTS_CONF override both.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';

/** First existing candidate for `name` (a file or folder of the export engine), else the development path. */
export function exportAsset(name: string, base: string = __dirname): string {
  const candidates = [resolve(base, name), resolve(base, '..', 'export', name)];
  return candidates.find((p) => existsSync(p)) ?? candidates[0];
}

/**
 * A path other programs can read: LibreOffice cannot look inside Electron's app.asar, so a file packed
 * there is copied out to the temporary folder first (Electron's fs reads asar archives transparently).
 */
export function externalPath(p: string): string {
  if (!p.includes(`.asar${sep}`)) return p;
  const dir = join(tmpdir(), 'zonedesk-export-assets');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, p.split(sep).pop()!);
  copyFileSync(p, out);
  return out;
}
