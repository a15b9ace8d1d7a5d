// LibreOffice headless as the "real client": optional PDF preview for users, and the reference renderer in tests.
// Each run gets its own user profile (parallel runs sharing one profile fail) and the shipped fontconfig aliases
// (仿宋_GB2312 / 方正小标宋简体 / 黑体 / 楷体_GB2312 → installed Noto CJK faces) unless the fonts are installed.
import { execFile } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportAsset, externalPath } from './runtime-paths';

/** The shipped alias file (electron/export or dist/export, see runtime-paths.ts); ZONEDESK_FONTS_CONF overrides. */
export const FONTS_CONF = process.env.ZONEDESK_FONTS_CONF ?? exportAsset('fonts.conf');

const CANDIDATES = ['/usr/bin/soffice', '/usr/lib/libreoffice/program/soffice', '/opt/libreoffice/program/soffice', 'C:\\Program Files\\LibreOffice\\program\\soffice.exe'];

/** Path of the soffice binary, or null. */
export function findSoffice(): string | null {
  if (process.env.SOFFICE_PATH && existsSync(process.env.SOFFICE_PATH)) return process.env.SOFFICE_PATH;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface ConvertOptions {
  /** 'pdf', 'docx', 'xlsx', or a full filter such as 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' */
  to: string;
  outDir: string;
  fontsConf?: string | null;
  timeoutMs?: number;
}

/** Converts files in one soffice run with a private profile. Resolves to the output paths (same base names). */
export async function convertWithLibreOffice(files: string[], o: ConvertOptions): Promise<string[]> {
  const soffice = findSoffice();
  if (!soffice) throw new Error('未找到 LibreOffice（soffice），无法转换');
  const profile = await fs.mkdtemp(join(tmpdir(), 'zonedesk-lo-'));
  await fs.mkdir(o.outDir, { recursive: true });
  const env = { ...process.env };
  const conf = o.fontsConf === undefined ? FONTS_CONF : o.fontsConf;
  if (conf) env.FONTCONFIG_FILE = externalPath(conf);
  try {
    await new Promise<void>((ok, fail) => {
      execFile(
        soffice,
        [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', o.to, '--outdir', o.outDir, ...files],
        { env, timeout: o.timeoutMs ?? 120_000, maxBuffer: 4 << 20 },
        (err, _stdout, stderr) => (err ? fail(new Error(`LibreOffice 转换失败：${stderr || err.message}`)) : ok()),
      );
    });
  } finally {
    await fs.rm(profile, { recursive: true, force: true });
  }
  const ext = o.to.split(':')[0];
  return files.map((f) => join(o.outDir, `${basename(f, extname(f))}.${ext}`));
}
