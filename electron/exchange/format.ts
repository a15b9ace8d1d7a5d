// The exchange package file: gzip of a JSON envelope {format, formatVersion, algorithm, publicKey,
// signature, payload}. The payload is kept as a string and the Ed25519 signature covers its exact UTF-8
// bytes, so the verifier never re-serialises before checking. Nothing in the payload is read before the
// signature is verified and the signer is found among the trusted keys.
import { randomUUID, sign, verify, createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { AppError } from '../../shared/errors';
import { TABLE_NAMES, type TableName } from '../../shared/tables';
import { fingerprintOf, publicKeyBase64, type OfficeKey } from './keys';
import type { Values } from './identity';

export const PACKAGE_FORMAT = 'zonedesk-exchange';
export const PACKAGE_FORMAT_VERSION = 1;
export const PACKAGE_EXTENSION = '.zdx';
/** Far above a national register; stops a damaged or hostile file from filling memory when unpacked. */
const MAX_UNPACKED = 1024 * 1024 * 1024;

export interface PackageRow {
  /** uid */
  readonly u: string;
  /** values, references as uids */
  readonly v: Values;
  /** hashes of earlier values of the row at the sender, newest first */
  readonly p: readonly string[];
}

export interface PackageTombstone {
  readonly t: TableName;
  readonly u: string;
  readonly p: readonly string[];
}

export interface Payload {
  readonly format: typeof PACKAGE_FORMAT;
  readonly formatVersion: number;
  readonly packageId: string;
  readonly createdAt: string;
  readonly appVersion: string;
  readonly schemaVersion: number;
  readonly office: { readonly id: string; readonly name: string };
  readonly county: string | null;
  readonly tables: Partial<Record<TableName, readonly PackageRow[]>>;
  readonly deleted: readonly PackageTombstone[];
}

interface Envelope {
  format: string;
  formatVersion: number;
  algorithm: 'ed25519';
  publicKey: string;
  signature: string;
  payload: string;
}

export const newPackageId = () => randomUUID();

/** Signs and writes the package; the name appears only when the file is complete (temp file + rename). */
export function writePackage(file: string, payload: Payload, key: OfficeKey): void {
  const text = JSON.stringify(payload);
  const envelope: Envelope = {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    algorithm: 'ed25519',
    publicKey: publicKeyBase64(key.publicKey),
    signature: sign(null, Buffer.from(text, 'utf8'), key.privateKey).toString('base64'),
    payload: text,
  };
  const bytes = zlib.gzipSync(Buffer.from(JSON.stringify(envelope), 'utf8'), { level: 6 });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  try {
    fs.writeFileSync(tmp, bytes);
    const fd = fs.openSync(tmp, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    const code = (e as { code?: string }).code;
    if (code === 'ENOSPC') throw new AppError('disk_full', `磁盘空间不足，交换包未写成：${file}`);
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') throw new AppError('db_readonly', `无法写入交换包：${file}（文件夹不可写入）`);
    throw e;
  }
}

const damaged = (file: string, why: string) =>
  new AppError('invalid_input', `文件不是交换包或已损坏：${path.basename(file)}（${why}）。数据未做任何改动。`, [{ file, message: why }]);

/**
 * Reads, verifies and parses a package. Refuses (in Chinese) a damaged file, a newer format, a signature
 * that does not match the content, and a signer that is not trusted here.
 */
export function readPackage(file: string, trusted: Map<string, string>): { payload: Payload; fingerprint: string } {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch {
    throw new AppError('not_found', `无法读取交换包文件：${file}`);
  }
  let envelope: Envelope;
  try {
    envelope = JSON.parse(zlib.gunzipSync(raw, { maxOutputLength: MAX_UNPACKED }).toString('utf8')) as Envelope;
  } catch (e) {
    throw damaged(file, (e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? '内容过大' : '无法解压或解析');
  }
  if (!envelope || envelope.format !== PACKAGE_FORMAT || typeof envelope.payload !== 'string') throw damaged(file, '格式标识不对');
  if (typeof envelope.formatVersion !== 'number' || envelope.formatVersion > PACKAGE_FORMAT_VERSION) {
    throw new AppError('invalid_input', `该交换包由更新版本的软件导出（格式版本 ${String(envelope.formatVersion)}），请升级软件后再导入。数据未做任何改动。`);
  }
  let fingerprint: string;
  let ok = false;
  try {
    const key = createPublicKey({ key: Buffer.from(envelope.publicKey, 'base64'), format: 'der', type: 'spki' });
    fingerprint = fingerprintOf(key);
    ok = key.asymmetricKeyType === 'ed25519' && verify(null, Buffer.from(envelope.payload, 'utf8'), key, Buffer.from(envelope.signature, 'base64'));
  } catch {
    throw new AppError('invalid_input', '交换包签名校验失败：签名或公钥已损坏，已拒绝导入。数据未做任何改动。', [{ file, message: 'bad key or signature' }]);
  }
  if (!ok) {
    throw new AppError('invalid_input', '交换包签名校验失败：文件内容在签名后被改动过，已拒绝导入。数据未做任何改动。', [{ file, message: 'signature mismatch' }]);
  }
  if (trusted.get(fingerprint) !== envelope.publicKey) {
    throw new AppError('unauthorized',
      `交换包的签名者不在本机的信任列表中（公钥指纹 ${fingerprint}）。请与对方核对指纹后，将对方的公钥文件放入数据文件夹下的 trusted-keys 文件夹，再导入。数据未做任何改动。`,
      [{ file, message: `untrusted ${fingerprint}` }]);
  }
  let payload: Payload;
  try {
    payload = JSON.parse(envelope.payload) as Payload;
  } catch {
    throw damaged(file, '内容无法解析');
  }
  checkShape(file, payload);
  return { payload, fingerprint };
}

/** Signed does not mean well-formed (another version may have written it): check the structure we read. */
function checkShape(file: string, p: Payload): void {
  if (p.format !== PACKAGE_FORMAT || typeof p.packageId !== 'string' || typeof p.createdAt !== 'string' || !p.office || typeof p.office.id !== 'string') {
    throw damaged(file, '包头信息不完整');
  }
  if (!p.tables || typeof p.tables !== 'object' || !Array.isArray(p.deleted)) throw damaged(file, '缺少数据表');
  for (const [t, rows] of Object.entries(p.tables)) {
    if (!(TABLE_NAMES as readonly string[]).includes(t)) throw damaged(file, `未知的数据表 ${t}`);
    if (!Array.isArray(rows) || rows.some((r) => typeof r?.u !== 'string' || !r.v || typeof r.v !== 'object' || !Array.isArray(r.p))) {
      throw damaged(file, `数据表 ${t} 的行格式不对`);
    }
  }
  if (p.deleted.some((d) => typeof d?.u !== 'string' || !(TABLE_NAMES as readonly string[]).includes(d.t) || !Array.isArray(d.p))) {
    throw damaged(file, '删除记录格式不对');
  }
}
