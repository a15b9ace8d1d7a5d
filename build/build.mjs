// npm run build: bundles the Node side with esbuild (CLI + loopback host, Electron main and preload)
// and the renderer with Vite. Never needs the Electron binary.
import { build } from 'esbuild';
import { build as viteBuild } from 'vite';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const started = Date.now();

// Runtime packages stay outside the bundle (native module, large or data-bearing packages).
const external = ['better-sqlite3', 'electron', 'exceljs', 'docxtemplater', 'pizzip', 'iconv-lite', 'playwright-core'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external,
  define: { __ZONEDESK_VERSION__: JSON.stringify(pkg.version) },
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: [path.join(root, 'electron/cli.ts')], outfile: path.join(root, 'dist/node/cli.cjs'), banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: [path.join(root, 'electron/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs') }),
  // Sandboxed preloads cannot be ES modules and may only require('electron'): bundle everything else in.
  build({ ...common, entryPoints: [path.join(root, 'electron/preload.ts')], outfile: path.join(root, 'dist/electron/preload.cjs'), external: ['electron'] }),
]);
fs.chmodSync(path.join(root, 'dist/node/cli.cjs'), 0o755);
// The export engine's default templates and font aliases, beside the bundles (electron/export/runtime-paths.ts
// finds dist/export/ from dist/node/cli.cjs and dist/electron/main.cjs).
fs.rmSync(path.join(root, 'dist/export'), { recursive: true, force: true });
fs.cpSync(path.join(root, 'electron/export/templates'), path.join(root, 'dist/export/templates'), { recursive: true });
fs.copyFileSync(path.join(root, 'electron/export/fonts.conf'), path.join(root, 'dist/export/fonts.conf'));

await viteBuild({ configFile: path.join(root, 'renderer/vite.config.mts'), logLevel: 'warn' });
console.log(`构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：dist/node, dist/electron, dist/export, dist/renderer`);
