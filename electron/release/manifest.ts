// Signed release manifest: SHA256SUMS.json (size + SHA-256 of every file) and SHA256SUMS.json.sig
// (Ed25519 over the manifest's exact bytes, base64).
// Why: deb and AppImage carry no signature apt or the user checks, electron-updater's latest.yml is
// unsigned, and installers travel between offline sites on USB sticks. `zonedesk verify-release` run
// before installing proves every file is the one the release manager signed.
// Ed25519 because it works in Electron's BoringSSL and in plain Node (SM2/SM3 do not work in Electron).
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export const MANIFEST_NAME = 'SHA256SUMS.json';
export const SIGNATURE_NAME = 'SHA256SUMS.json.sig';
export const MANIFEST_FORMAT = 'zonedesk-release-manifest';
export const MANIFEST_FORMAT_VERSION = 1;

export interface ManifestFile {
  readonly path: string;
  readonly size: number;
  readonly sha256: string;
}

export interface ReleaseManifest {
  readonly format: typeof MANIFEST_FORMAT;
  readonly formatVersion: number;
  readonly product: string;
  readonly version: string;
  readonly createdAt: string;
  readonly algorithm: 'ed25519';
  readonly files: ManifestFile[];
}

export interface SignOptions {
  readonly product?: string;
  /** Defaults to `version:` in electron-builder's latest*.yml in the folder, else 'unknown'. */
  readonly version?: string;
  readonly now?: Date;
}

export type VerifyResult = { ok: true; manifest: ReleaseManifest } | { ok: false; file?: string; message: string };

/** A problem with a known culprit file, reported to the user instead of a stack trace. */
export class ReleaseError extends Error {
  readonly file?: string;
  constructor(message: string, file?: string) {
    super(message);
    this.name = 'ReleaseError';
    this.file = file;
  }
}

/** Relative POSIX paths of every regular file under dir, sorted by code unit (stable on every OS). */
async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    const entries = await readdir(path.join(dir, rel), { withFileTypes: true });
    for (const e of entries) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) await walk(r);
      else if (e.isFile()) out.push(r);
      // A symlink or device in a release folder could point anywhere: refuse rather than follow.
      else throw new ReleaseError(`发布目录中不允许有链接或特殊文件：${r}`, r);
    }
  };
  await walk('');
  return out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    createReadStream(file)
      .on('error', reject)
      .on('data', (chunk) => h.update(chunk))
      .on('end', () => resolve(h.digest('hex')));
  });
}

async function loadKey(file: string, kind: 'private' | 'public'): Promise<KeyObject> {
  let pem: string;
  try {
    pem = await readFile(file, 'utf8');
  } catch {
    throw new ReleaseError(`无法读取${kind === 'private' ? '私钥' : '公钥'}文件：${file}`, file);
  }
  let key: KeyObject;
  try {
    key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
  } catch {
    throw new ReleaseError(`${file} 不是有效的 PEM ${kind === 'private' ? '私钥' : '公钥'}（应由 openssl genpkey -algorithm ed25519 生成）`, file);
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new ReleaseError(`${file} 的密钥类型是 ${key.asymmetricKeyType ?? '未知'}，需要 Ed25519`, file);
  }
  return key;
}

async function guessVersion(dir: string): Promise<string> {
  for (const name of ['latest.yml', 'latest-linux.yml', 'latest-linux-arm64.yml']) {
    try {
      const m = /^version:\s*['"]?([^'"\s]+)/m.exec(await readFile(path.join(dir, name), 'utf8'));
      if (m) return m[1];
    } catch {
      // not there: try the next one
    }
  }
  return 'unknown';
}

const isTopLevelManifestFile = (rel: string): boolean => rel === MANIFEST_NAME || rel === SIGNATURE_NAME;

/** Writes SHA256SUMS.json and SHA256SUMS.json.sig into dir; returns the manifest. */
export async function signRelease(dir: string, privateKeyPemPath: string, opts: SignOptions = {}): Promise<ReleaseManifest> {
  const key = await loadKey(privateKeyPemPath, 'private');
  const rels = (await listFiles(dir)).filter((r) => !isTopLevelManifestFile(r));
  if (rels.length === 0) throw new ReleaseError(`发布目录为空：${dir}`);
  const files: ManifestFile[] = [];
  for (const rel of rels) {
    const abs = path.join(dir, ...rel.split('/'));
    files.push({ path: rel, size: (await lstat(abs)).size, sha256: await sha256File(abs) });
  }
  const manifest: ReleaseManifest = {
    format: MANIFEST_FORMAT,
    formatVersion: MANIFEST_FORMAT_VERSION,
    product: opts.product ?? 'ZoneDesk 开发区机构编制工作台',
    version: opts.version ?? (await guessVersion(dir)),
    createdAt: (opts.now ?? new Date()).toISOString(),
    algorithm: 'ed25519',
    files,
  };
  // The signature covers these exact bytes; the verifier never re-serialises before checking.
  const bytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8');
  const signature = sign(null, bytes, key).toString('base64');
  await writeFile(path.join(dir, MANIFEST_NAME), bytes);
  await writeFile(path.join(dir, SIGNATURE_NAME), `${signature}\n`, 'utf8');
  return manifest;
}

function isSafeRelPath(p: unknown): p is string {
  if (typeof p !== 'string' || p === '' || p.startsWith('/') || p.includes('\\') || p.includes('\0') || /^[A-Za-z]:/.test(p)) return false;
  return p.split('/').every((s) => s !== '' && s !== '.' && s !== '..');
}

function parseManifest(bytes: Buffer): ReleaseManifest | string {
  let m: unknown;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch {
    return '清单不是有效的 JSON';
  }
  const r = m as Partial<ReleaseManifest> | null;
  if (!r || r.format !== MANIFEST_FORMAT) return '清单格式标识不对';
  if (r.formatVersion !== MANIFEST_FORMAT_VERSION) return `不支持的清单版本：${String(r.formatVersion)}`;
  if (!Array.isArray(r.files)) return '清单缺少文件列表';
  const seen = new Set<string>();
  for (const f of r.files) {
    if (!f || !isSafeRelPath(f.path) || isTopLevelManifestFile(f.path)) return `清单中的路径不合法：${String(f?.path)}`;
    if (!Number.isSafeInteger(f.size) || f.size < 0 || typeof f.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(f.sha256)) {
      return `清单中的条目不合法：${f.path}`;
    }
    if (seen.has(f.path)) return `清单中有重复条目：${f.path}`;
    seen.add(f.path);
  }
  return r as ReleaseManifest;
}

/**
 * Checks the signature first (nothing in the manifest is trusted before that), then every listed
 * file's presence, size and SHA-256, then that no unlisted file was added. Stops at the first problem
 * and names the file.
 */
export async function verifyRelease(dir: string, publicKeyPemPath: string): Promise<VerifyResult> {
  try {
    const key = await loadKey(publicKeyPemPath, 'public');
    let bytes: Buffer;
    let sigText: string;
    try {
      bytes = await readFile(path.join(dir, MANIFEST_NAME));
    } catch {
      return { ok: false, file: MANIFEST_NAME, message: `缺少校验清单 ${MANIFEST_NAME}：此发布目录未签发或不完整` };
    }
    try {
      sigText = (await readFile(path.join(dir, SIGNATURE_NAME), 'utf8')).trim();
    } catch {
      return { ok: false, file: SIGNATURE_NAME, message: `缺少签名文件 ${SIGNATURE_NAME}` };
    }
    const sig = Buffer.from(sigText, 'base64');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(sigText) || sig.length !== 64) {
      return { ok: false, file: SIGNATURE_NAME, message: `签名文件 ${SIGNATURE_NAME} 已损坏（不是 Ed25519 签名）` };
    }
    if (!verify(null, bytes, key, sig)) {
      return {
        ok: false,
        file: MANIFEST_NAME,
        message: `签名校验失败：清单 ${MANIFEST_NAME} 或签名 ${SIGNATURE_NAME} 被改动过，或所用公钥不是发布方的公钥。请勿安装。`,
      };
    }
    const manifest = parseManifest(bytes);
    if (typeof manifest === 'string') return { ok: false, file: MANIFEST_NAME, message: manifest };

    for (const f of manifest.files) {
      const abs = path.join(dir, ...f.path.split('/'));
      let st;
      try {
        st = await lstat(abs);
      } catch {
        return { ok: false, file: f.path, message: `缺少文件：${f.path}` };
      }
      if (!st.isFile()) return { ok: false, file: f.path, message: `不是普通文件：${f.path}` };
      if (st.size !== f.size) return { ok: false, file: f.path, message: `文件大小不符：${f.path}（应为 ${f.size} 字节，实为 ${st.size} 字节）` };
      if ((await sha256File(abs)) !== f.sha256) return { ok: false, file: f.path, message: `SHA-256 校验值不符，文件已被改动：${f.path}` };
    }
    const listed = new Set(manifest.files.map((f) => f.path));
    for (const rel of await listFiles(dir)) {
      if (!isTopLevelManifestFile(rel) && !listed.has(rel)) {
        return { ok: false, file: rel, message: `发现清单中没有的文件：${rel}（可能是被放进来的）` };
      }
    }
    return { ok: true, manifest };
  } catch (err) {
    if (err instanceof ReleaseError) return { ok: false, file: err.file, message: err.message };
    return { ok: false, message: `校验时出错：${err instanceof Error ? err.message : String(err)}` };
  }
}
