// Writes the default Word and Excel templates into electron/export/templates/ (committed files).
// Run from the repository root: npx tsx build/make-templates.ts [--check]
// (--check exits 1 when a committed file differs from a fresh build, for CI.)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildAllTemplates } from './templates/index';

export const TEMPLATES_OUT_DIR = resolve('electron', 'export', 'templates');

async function main(): Promise<number> {
  if (!existsSync(resolve('build', 'make-templates.ts'))) {
    console.error('请在仓库根目录运行：npx tsx build/make-templates.ts');
    return 2;
  }
  const check = process.argv.includes('--check');
  const built = await buildAllTemplates();
  let stale = 0;
  mkdirSync(TEMPLATES_OUT_DIR, { recursive: true });
  for (const [file, buf] of built) {
    const path = join(TEMPLATES_OUT_DIR, file);
    const same = existsSync(path) && readFileSync(path).equals(buf);
    if (check) {
      if (!same) {
        stale++;
        console.error(`模板已过期：${file}（请运行 npx tsx build/make-templates.ts）`);
      }
    } else if (!same) {
      writeFileSync(path, buf);
      console.log(`wrote ${file} (${buf.length} bytes)`);
    } else console.log(`unchanged ${file}`);
  }
  return stale ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
