// All default templates, built in memory. build/make-templates.ts writes them to electron/export/templates/;
// test/unit/export-templates.test.ts checks that a fresh build equals the committed files byte for byte.
import { EXCEL_TEMPLATE_BUILDERS } from './excel-templates';
import { WORD_TEMPLATE_BUILDERS } from './word-templates';

export async function buildAllTemplates(): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const [file, build] of Object.entries(WORD_TEMPLATE_BUILDERS)) out.set(file, build());
  for (const [file, build] of Object.entries(EXCEL_TEMPLATE_BUILDERS)) out.set(file, await build());
  return out;
}
