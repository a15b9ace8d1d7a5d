// electron-builder `win.signtoolOptions.sign` hook: Authenticode-signs every Windows executable
// (the app .exe, the NSIS installer and uninstaller, the portable .exe).
//
// Why a custom hook instead of electron-builder's own signing: its signing path downloads the
// winCodeSign toolset, which an air-gapped build machine cannot do. Here we use what is installed:
//   - on Windows: signtool.exe from the Windows SDK (or ZONEDESK_SIGNTOOL=full path);
//   - on Linux: Debian's osslsigncode (apt-get install osslsigncode), works fully offline.
//
// Configuration (environment, never the repository):
//   ZONEDESK_WIN_CERT           path to the .pfx (PKCS#12) code-signing certificate
//   ZONEDESK_WIN_CERT_PASSWORD  its password
//   ZONEDESK_WIN_CERT_CA        optional PEM chain of the issuing CA: the Linux path then verifies the chain
//   ZONEDESK_TIMESTAMP_URL      optional RFC 3161 timestamp server (needs network; without a timestamp
//                               the signature stops validating when the certificate expires)
//
// No certificate configured: a LOUD "未签名构建" warning and the build continues — an unsigned
// internal test build is legitimate, a silently unsigned release is not. A certificate that IS
// configured but fails (missing file, wrong password, tool missing) stops the build.
'use strict';

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const PRODUCT = '开发区机构编制工作台';
const unsignedFiles = [];

function banner(lines) {
  const bar = '#'.repeat(78);
  return ['', bar, ...lines.map((l) => `##  ${l}`), bar, ''].join('\n');
}

function warnUnsigned(file) {
  unsignedFiles.push(file);
  if (unsignedFiles.length === 1) {
    console.warn(
      banner([
        '警告：未签名构建！ / WARNING: UNSIGNED BUILD!',
        '',
        '未设置 ZONEDESK_WIN_CERT，Windows 可执行文件不会做 Authenticode 签名。',
        'Windows SmartScreen 会拦截安装，用户无法确认安装包来源。仅可用于内部测试。',
        'ZONEDESK_WIN_CERT is not set: Windows executables are NOT Authenticode-signed.',
        'Only for internal testing. See build/README.md, "签名 / Signing".',
      ]),
    );
  }
  console.warn(`[未签名构建 / unsigned] ${file}`);
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (r.error) {
    throw new Error(`${what}：无法运行 ${cmd}（${r.error.message}）。 / cannot run ${cmd}.`);
  }
  if (r.status !== 0) {
    // The password is never on the command line (see below), so the output is safe to show.
    throw new Error(`${what}失败（退出码 ${r.status}） / failed:\n${r.stdout}\n${r.stderr}`);
  }
  return r.stdout;
}

function signWithOsslsigncode(file, cert, password, timestampUrl) {
  // The password goes through a 0600 temp file (-readpass), not argv, which other users can read in `ps`.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zonedesk-sign-'));
  const passFile = path.join(tmp, 'pass');
  const out = path.join(tmp, 'signed' + path.extname(file));
  try {
    fs.writeFileSync(passFile, password, { mode: 0o600 });
    const args = ['sign', '-pkcs12', cert, '-readpass', passFile, '-h', 'sha256', '-n', PRODUCT];
    if (timestampUrl) args.push('-ts', timestampUrl);
    args.push('-in', file, '-out', out);
    run('osslsigncode', args, 'osslsigncode 签名');
    fs.copyFileSync(out, file);
    // Check the result before it ships. With ZONEDESK_WIN_CERT_CA (the issuing CA chain, PEM) the whole
    // chain is verified; without it only that a signature is embedded (an internal CA is not in the
    // system bundle). -ignore-cdp/-ignore-crl: never fetch revocation lists from the offline machine.
    const ca = process.env.ZONEDESK_WIN_CERT_CA;
    if (ca) {
      run('osslsigncode', ['verify', '-CAfile', ca, '-ignore-cdp', '-ignore-crl', '-ignore-timestamp', '-in', file], 'osslsigncode 校验');
    } else {
      run('osslsigncode', ['extract-signature', '-in', file, '-out', path.join(tmp, 'sig.p7')], 'osslsigncode 校验');
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function signWithSigntool(file, cert, password, timestampUrl) {
  const signtool = process.env.ZONEDESK_SIGNTOOL || 'signtool.exe';
  // signtool has no password-file option; build machines should prefer a certificate in the store.
  const args = ['sign', '/f', cert, '/p', password, '/fd', 'sha256', '/d', PRODUCT];
  if (timestampUrl) args.push('/tr', timestampUrl, '/td', 'sha256');
  args.push(file);
  run(signtool, args, 'signtool 签名');
  run(signtool, ['verify', '/pa', file], 'signtool 校验');
}

/**
 * @param {{ path: string }} configuration electron-builder's CustomWindowsSignTaskConfiguration
 */
async function sign(configuration) {
  const file = configuration.path;
  const cert = process.env.ZONEDESK_WIN_CERT;
  const password = process.env.ZONEDESK_WIN_CERT_PASSWORD ?? '';
  const timestampUrl = process.env.ZONEDESK_TIMESTAMP_URL;
  if (!cert) {
    warnUnsigned(file);
    return;
  }
  if (!fs.existsSync(cert)) {
    throw new Error(`ZONEDESK_WIN_CERT 指向的证书不存在：${cert} / certificate file not found`);
  }
  if (!timestampUrl) {
    console.warn(`[签名] 未设置 ZONEDESK_TIMESTAMP_URL：签名没有时间戳，证书过期后将失效。 / no timestamp: ${file}`);
  }
  if (process.platform === 'win32') signWithSigntool(file, cert, password, timestampUrl);
  else signWithOsslsigncode(file, cert, password, timestampUrl);
  console.log(`[已签名 / signed] ${file}`);
}

module.exports = sign;
module.exports.sign = sign;
module.exports.unsignedFiles = unsignedFiles;
