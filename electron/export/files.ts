// Output files: Windows-safe names, never overwrite silently, and the export-log entry shape.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { extname, join } from 'node:path';

/** One row of the export log: which template version produced which file (traceable, regenerable). */
export interface ExportLogEntry {
  templateId: string;
  version: number; // template version (built-in defaults: their embedded TemplateVersion)
  sha256: string; // of the template file used
  file: string; // absolute path of the written file
  at: string; // ISO timestamp
  docType?: string;
  reformId?: string | number;
  docNo?: string;
}

const RESERVED = /^(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?$/i;

/**
 * A file name that is valid on Windows (and everywhere else): no <>:"/\|?* or control characters, no trailing
 * dot or space, no reserved device name, at most `maxLength` characters. Chinese text is kept as is.
 */
export function safeFileName(name: string, maxLength = 120): string {
  let s = name
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .replace(/[<>:"/\\|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  if (!s || /^_+$/.test(s)) s = '未命名';
  if (RESERVED.test(s)) s = `_${s}`;
  if ([...s].length > maxLength) {
    const ext = extname(s);
    const keep = ext.length < 10 ? ext : '';
    s = [...s].slice(0, maxLength - keep.length).join('').replace(/[. ]+$/, '') + keep;
  }
  return s;
}

function numbered(fileName: string, n: number): string {
  const ext = extname(fileName);
  const base = ext ? fileName.slice(0, -ext.length) : fileName;
  return n === 1 ? fileName : `${base} (${n})${ext}`;
}

/**
 * Writes `data` as a new file in `dir`, never replacing an existing one: 请示.docx, then 请示 (2).docx, …
 * The content is written to a temporary file first and then linked into place, so a crash never leaves a
 * half-written document under the final name. Returns the path written.
 */
export async function writeNewFile(dir: string, fileName: string, data: Uint8Array | string): Promise<string> {
  const name = safeFileName(fileName);
  await fs.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.zonedesk-${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(tmp, data, { flag: 'wx' });
  try {
    for (let n = 1; n < 1000; n++) {
      const target = join(dir, numbered(name, n));
      try {
        await fs.link(tmp, target);
        return target;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') continue;
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'ENOSYS') {
          // file systems without hard links (FAT/exFAT USB drives): exclusive create instead
          try {
            await fs.writeFile(target, data, { flag: 'wx' });
            return target;
          } catch (e2) {
            if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') continue;
            throw e2;
          }
        }
        throw e;
      }
    }
    throw new Error(`无法保存：${name} 的同名文件过多`);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}
