// Folders are runtimes: shared/ has no Node, DOM or Electron; the renderer reaches the main process only
// through the contract; only the two Electron entry files import 'electron'.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(rel);
  }
  return out;
}

const importsOf = (file: string) =>
  [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('folder = runtime', () => {
  it('shared/ imports no Node, DOM-only or Electron module', () => {
    for (const f of sources('shared')) {
      for (const spec of importsOf(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/^(node:|electron$|fs$|path$|os$|better-sqlite3$|react-dom)/);
        expect(spec, `${f} imports ${spec}`).not.toMatch(/\.\.\/(db|electron|renderer)\//);
      }
    }
  });

  it('renderer/ reaches db/ and electron/ only through the contract', () => {
    for (const f of sources('renderer/src')) {
      for (const spec of importsOf(f)) {
        expect(spec, `${f} imports ${spec}`).not.toMatch(/^(node:|electron$|better-sqlite3$)|\/(db|electron)\//);
      }
    }
  });

  it('only electron/main.ts and electron/preload.ts import electron (type-only imports aside)', () => {
    const offenders = [...sources('electron'), ...sources('db'), ...sources('shared')]
      .filter((f) => !['electron/main.ts', 'electron/preload.ts'].includes(f))
      .filter((f) => /^\s*import\s+(?!type\b)[^;]*from\s+['"]electron['"]/m.test(fs.readFileSync(path.join(ROOT, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
