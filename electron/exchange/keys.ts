// The office's Ed25519 signing key and the keys it trusts. Same key type and PEM files as the release
// manifest (electron/release/manifest.ts), whose loader is private to it and reports release errors.
// The office key is created on first export in <dataDir>/keys (private key readable only by its owner);
// the public key file is what the other office puts into its <dataDir>/trusted-keys folder.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import type { Store } from '../../db/store';

export const KEYS_DIR = 'keys';
export const TRUSTED_KEYS_DIR = 'trusted-keys';
const PRIVATE_NAME = 'office-ed25519.pem';
const PUBLIC_NAME = 'office-ed25519.pub.pem';

export interface OfficeKey {
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicKeyFile: string;
  readonly fingerprint: string;
}

/** SHA-256 of the public key (SPKI DER), first 16 bytes in groups of four hex digits: easy to read aloud. */
export function fingerprintOf(key: KeyObject): string {
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 32).replace(/(.{4})(?!$)/g, '$1 ');
}

export const publicKeyBase64 = (key: KeyObject) => key.export({ type: 'spki', format: 'der' }).toString('base64');

function ensureEd25519(key: KeyObject, file: string): KeyObject {
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('invalid_input', `${file} 的密钥类型是 ${key.asymmetricKeyType ?? '未知'}，需要 Ed25519`);
  return key;
}

export function loadPrivateKey(file: string): KeyObject {
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppError('not_found', `无法读取私钥文件：${file}`);
  }
  try {
    return ensureEd25519(createPrivateKey(pem), file);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('invalid_input', `${file} 不是有效的 PEM 私钥（应由 openssl genpkey -algorithm ed25519 生成）`);
  }
}

/**
 * The key this office signs with: --private-key / the setting exchange.private_key_file when given, else
 * <dataDir>/keys/office-ed25519.pem, created with its public key on first use.
 */
export function officeKey(store: Store, keyFile?: string): OfficeKey {
  const dataDir = path.dirname(store.file);
  const configured = keyFile ?? store.settings()['exchange.private_key_file'];
  const dir = path.join(dataDir, KEYS_DIR);
  const privateFile = configured ? path.resolve(configured) : path.join(dir, PRIVATE_NAME);
  fs.mkdirSync(dir, { recursive: true });
  if (!configured && !fs.existsSync(privateFile)) {
    const pair = generateKeyPairSync('ed25519');
    // 'wx': never overwrite a key that appeared meanwhile; 0600: only this user may read the private key.
    fs.writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  }
  const privateKey = loadPrivateKey(privateFile);
  const publicKey = createPublicKey(privateKey);
  // The public key goes into the data folder, never next to a configured private key (maybe a read-only stick).
  const publicKeyFile = configured ? path.join(dir, `${path.basename(privateFile).replace(/\.pem$/i, '')}.pub.pem`) : path.join(dir, PUBLIC_NAME);
  const pem = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  if (!fs.existsSync(publicKeyFile) || fs.readFileSync(publicKeyFile, 'utf8') !== pem) fs.writeFileSync(publicKeyFile, pem);
  return { privateKey, publicKey, publicKeyFile, fingerprint: fingerprintOf(publicKey) };
}

function parsePems(text: string): KeyObject[] {
  const out: KeyObject[] = [];
  for (const m of text.matchAll(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g)) {
    try {
      const key = createPublicKey(m[0]);
      if (key.asymmetricKeyType === 'ed25519') out.push(key);
    } catch {
      // an unreadable block is simply not trusted
    }
  }
  return out;
}

/**
 * Public keys this office accepts packages from, by fingerprint: every PEM in <dataDir>/trusted-keys, the
 * setting exchange.trusted_keys (PEM text), and this office's own key (to re-import its own package).
 */
export function trustedKeys(store: Store): Map<string, string> {
  const dataDir = path.dirname(store.file);
  const keys: KeyObject[] = [];
  const dir = path.join(dataDir, TRUSTED_KEYS_DIR);
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir)) {
      if (/\.(pem|pub)$/i.test(name)) keys.push(...parsePems(fs.readFileSync(path.join(dir, name), 'utf8')));
    }
  }
  keys.push(...parsePems(store.settings()['exchange.trusted_keys'] ?? ''));
  const own = path.join(dataDir, KEYS_DIR, PUBLIC_NAME);
  if (fs.existsSync(own)) keys.push(...parsePems(fs.readFileSync(own, 'utf8')));
  return new Map(keys.map((k) => [fingerprintOf(k), publicKeyBase64(k)]));
}
