// Signed release manifest (electron/release): real Ed25519 keys written as PEM the way
// `openssl genpkey -algorithm ed25519` writes them, real files, one flipped byte at a time.
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runReleaseCli } from '../../electron/release/cli';
import { MANIFEST_NAME, SIGNATURE_NAME, signRelease, verifyRelease } from '../../electron/release/manifest';

const ARTIFACTS: Record<string, Buffer> = {
  'ZoneDesk-Setup-0.1.0-x64.exe': Buffer.from('MZ fake installer '.repeat(500)),
  'zonedesk_0.1.0_amd64.deb': Buffer.from('!<arch>\n fake deb '.repeat(300)),
  'linux/ZoneDesk-0.1.0-linux-x86_64.AppImage': Buffer.from('\x7fELF fake appimage '.repeat(700)),
};

let tmp: string;
let dir: string;
let privPem: string;
let pubPem: string;
let otherPubPem: string;

function writeKeys(name: string): { priv: string; pub: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const priv = path.join(tmp, `${name}.pem`);
  const pub = path.join(tmp, `${name}.pub`);
  writeFileSync(priv, privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(pub, publicKey.export({ type: 'spki', format: 'pem' }));
  return { priv, pub };
}

function flipByte(file: string, at = 10): void {
  const buf = readFileSync(file);
  buf[at % buf.length] ^= 0x01;
  writeFileSync(file, buf);
}

beforeEach(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'zonedesk-release-'));
  dir = path.join(tmp, 'release');
  for (const [rel, data] of Object.entries(ARTIFACTS)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), data);
  }
  ({ priv: privPem, pub: pubPem } = writeKeys('release'));
  otherPubPem = writeKeys('other').pub;
});

afterEach(() => rmSync(tmp, { recursive: true, force: true }));

describe('signRelease / verifyRelease', () => {
  it('writes a sorted manifest with size and SHA-256 and a verifiable signature', async () => {
    expect(readFileSync(privPem, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const m = await signRelease(dir, privPem, { version: '0.1.0', now: new Date('2026-01-02T03:04:05Z') });
    const onDisk = JSON.parse(readFileSync(path.join(dir, MANIFEST_NAME), 'utf8'));
    expect(onDisk).toEqual(m);
    expect(m).toMatchObject({ format: 'zonedesk-release-manifest', formatVersion: 1, version: '0.1.0', createdAt: '2026-01-02T03:04:05.000Z' });
    expect(m.product).toContain('ZoneDesk');
    expect(m.files.map((f) => f.path)).toEqual(Object.keys(ARTIFACTS).sort());
    for (const f of m.files) {
      expect(f.size).toBe(ARTIFACTS[f.path].length);
      expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(Buffer.from(readFileSync(path.join(dir, SIGNATURE_NAME), 'utf8').trim(), 'base64')).toHaveLength(64);
    expect(await verifyRelease(dir, pubPem)).toMatchObject({ ok: true });
  });

  it('re-signing does not list the manifest or signature themselves', async () => {
    await signRelease(dir, privPem);
    const m = await signRelease(dir, privPem);
    expect(m.files.map((f) => f.path)).not.toContain(MANIFEST_NAME);
    expect(m.files.map((f) => f.path)).not.toContain(SIGNATURE_NAME);
    expect(m.version).toBe('unknown');
    expect(await verifyRelease(dir, pubPem)).toMatchObject({ ok: true });
  });

  it('takes the version from electron-builder latest*.yml when not given', async () => {
    writeFileSync(path.join(dir, 'latest-linux.yml'), "version: 0.1.0\nfiles: []\n");
    expect((await signRelease(dir, privPem)).version).toBe('0.1.0');
  });

  for (const rel of Object.keys(ARTIFACTS)) {
    it(`names ${rel} when one byte of it is flipped`, async () => {
      await signRelease(dir, privPem);
      flipByte(path.join(dir, rel));
      const r = await verifyRelease(dir, pubPem);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.file).toBe(rel);
        expect(r.message).toMatch(/SHA-256/);
        expect(r.message).toContain(rel);
      }
    });
  }

  it('names the manifest when one byte of it is flipped', async () => {
    await signRelease(dir, privPem);
    for (const at of [0, 40, 200]) {
      await signRelease(dir, privPem);
      flipByte(path.join(dir, MANIFEST_NAME), at);
      const r = await verifyRelease(dir, pubPem);
      expect(r).toMatchObject({ ok: false, file: MANIFEST_NAME });
    }
  });

  it('fails on a tampered signature, a missing signature and a wrong public key', async () => {
    await signRelease(dir, privPem);
    expect(await verifyRelease(dir, otherPubPem)).toMatchObject({ ok: false, file: MANIFEST_NAME });

    const sigFile = path.join(dir, SIGNATURE_NAME);
    const sig = Buffer.from(readFileSync(sigFile, 'utf8').trim(), 'base64');
    sig[5] ^= 0x80;
    writeFileSync(sigFile, sig.toString('base64'));
    const tampered = await verifyRelease(dir, pubPem);
    expect(tampered.ok).toBe(false);
    if (!tampered.ok) expect(tampered.message).toMatch(/签名/);

    writeFileSync(sigFile, 'not base64!!');
    expect(await verifyRelease(dir, pubPem)).toMatchObject({ ok: false, file: SIGNATURE_NAME });
    rmSync(sigFile);
    expect(await verifyRelease(dir, pubPem)).toMatchObject({ ok: false, file: SIGNATURE_NAME });
  });

  it('fails on a missing listed file, a size change and an extra unlisted file', async () => {
    await signRelease(dir, privPem);
    const deb = path.join(dir, 'zonedesk_0.1.0_amd64.deb');
    const original = readFileSync(deb);

    writeFileSync(deb, Buffer.concat([original, Buffer.from('x')]));
    const grown = await verifyRelease(dir, pubPem);
    expect(grown).toMatchObject({ ok: false, file: 'zonedesk_0.1.0_amd64.deb' });
    if (!grown.ok) expect(grown.message).toMatch(/大小/);

    rmSync(deb);
    const missing = await verifyRelease(dir, pubPem);
    expect(missing).toMatchObject({ ok: false, file: 'zonedesk_0.1.0_amd64.deb' });
    if (!missing.ok) expect(missing.message).toMatch(/缺少/);

    writeFileSync(deb, original);
    writeFileSync(path.join(dir, 'linux', 'evil.sh'), '#!/bin/sh\n');
    expect(await verifyRelease(dir, pubPem)).toMatchObject({ ok: false, file: 'linux/evil.sh' });
  });

  it('fails when the manifest is missing and refuses non-Ed25519 keys', async () => {
    expect(await verifyRelease(dir, pubPem)).toMatchObject({ ok: false, file: MANIFEST_NAME });
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const rsaPem = path.join(tmp, 'rsa.pem');
    writeFileSync(rsaPem, rsa.privateKey.export({ type: 'pkcs8', format: 'pem' }));
    await expect(signRelease(dir, rsaPem)).rejects.toThrow(/Ed25519/);
  });
});

describe('runReleaseCli', () => {
  const capture = () => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) }, out, err };
  };

  it('signs and verifies through the subcommands, exit codes 0 then 1 after tampering', async () => {
    const s = capture();
    expect(await runReleaseCli(['sign-release', dir, '--private-key', privPem, '--version=0.1.0'], s.io)).toBe(0);
    expect(s.out.join('\n')).toContain('已签发 3 个文件');

    const v = capture();
    expect(await runReleaseCli(['verify-release', dir, '--public-key', pubPem], v.io)).toBe(0);
    expect(v.out.join('\n')).toContain('校验通过');

    flipByte(path.join(dir, 'zonedesk_0.1.0_amd64.deb'));
    const bad = capture();
    expect(await runReleaseCli(['verify-release', dir, '--public-key', pubPem], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toContain('zonedesk_0.1.0_amd64.deb');
    expect(bad.err.join('\n')).toContain('请勿安装');
  });

  it('returns 1 with usage on bad arguments', async () => {
    for (const argv of [[], ['sign-release', dir], ['verify-release', dir, '--private-key', privPem], ['bogus', dir], ['verify-release']]) {
      const c = capture();
      expect(await runReleaseCli(argv, c.io), argv.join(' ')).toBe(1);
      expect(c.err.join('\n')).toMatch(/用法|缺少|未知/);
    }
  });
});
