#!/usr/bin/env node
// Smoke test of an INSTALLED / packaged ZoneDesk on a real machine with a desktop session.
// For the installer team; not run in CI (our CI cannot download Electron). Plain Node >= 20.
//
//   node build/smoke-test-installed.mjs <path-to-ZoneDesk-binary> [--timeout=90] [--keep]
//     Windows: "C:\Users\<u>\AppData\Local\Programs\开发区机构编制工作台\ZoneDesk.exe"
//     deb:     /opt/开发区机构编制工作台/zonedesk        AppImage: ./ZoneDesk-0.1.0-linux-x86_64.AppImage
//     Linux without a desktop session: prefix with `xvfb-run -a`.
//
// What it proves about the binary that unit tests cannot (they never run Electron):
//   1. RunAsNode fuse off:   ELECTRON_RUN_AS_NODE=1 <bin> -e "process.stdout.write('NODE')" prints no NODE.
//   2. NodeOptions fuse off: NODE_OPTIONS=--require <probe> does not run the probe.
//   3. Inspect fuse off:     --inspect=<port> opens no debugger port.
//   4. --remote-debugging-port=<port> opens no port (main refuses FORBIDDEN_SWITCHES, electron/security.ts).
//   5. A normal start with a fresh --data-dir creates the database with the demo data, and with
//      --smoke-test the app quits by itself with exit code 0 once the main window has loaded.
//   6. Optional: the fuse wire read back with @electron/fuses (when run from a repo checkout).
// Contract with the main process (electron/main): `--data-dir=<dir>` (read from process.argv, also
// after a `--`) puts all data there; `--smoke-test` makes it exit 0 after the window's
// 'did-finish-load' (non-zero on load failure).
// Exit code: 0 all checks passed, 1 a check failed, 2 usage error.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const bin = args.find((a) => !a.startsWith('--'));
const timeoutS = Number((args.find((a) => a.startsWith('--timeout=')) ?? '--timeout=90').split('=')[1]);
const keep = args.includes('--keep');
if (!bin || !existsSync(bin) || !Number.isFinite(timeoutS)) {
  console.error('用法 / usage: node build/smoke-test-installed.mjs <ZoneDesk 可执行文件> [--timeout=90] [--keep]');
  process.exit(2);
}

const work = mkdtempSync(path.join(os.tmpdir(), 'zonedesk-smoke-'));
const results = [];
const record = (name, status, detail = '') => {
  results.push({ name, status, detail });
  const mark = status === 'PASS' ? '✓' : status === 'FAIL' ? '✗' : '?';
  console.log(`${mark} [${status}] ${name}${detail ? ` — ${detail}` : ''}`);
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the binary; resolves when it exits or after ms (then kills it). Never leaves it running. */
function launch(extraArgs, extraEnv, ms) {
  return new Promise((resolve) => {
    // Redirect per-user folders too, so a build that ignores --data-dir still does not touch the tester's
    // real profile (Linux honours XDG_*; on Windows run this under a test account).
    const sandboxEnv = { XDG_CONFIG_HOME: path.join(work, 'xdg-config'), XDG_DATA_HOME: path.join(work, 'xdg-data'), ZONEDESK_DATA_DIR: path.join(work, 'env-data') };
    const child = spawn(bin, extraArgs, { env: { ...process.env, ...sandboxEnv, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let done = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const finish = (code, timedOut) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ code, timedOut, stdout, stderr, child });
    };
    const timer = setTimeout(() => {
      child.kill();
      setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      finish(null, true);
    }, ms);
    child.on('exit', (code) => finish(code, false));
    child.on('error', (err) => {
      stderr += String(err);
      finish(-1, false);
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.setTimeout(1500);
    s.on('connect', () => (s.destroy(), resolve(true)));
    s.on('error', () => resolve(false));
    s.on('timeout', () => (s.destroy(), resolve(false)));
  });
}

/** Launches with a debugging switch, polls the port while the app runs, then stops it. */
async function checkNoPort(name, switchFor) {
  const port = await freePort();
  const dataDir = path.join(work, `port-${port}`);
  const run = launch([switchFor(port), '--', `--data-dir=${dataDir}`], {}, 12_000);
  let opened = false;
  // Poll often: a binary that honours the switch may open the port only briefly before exiting.
  for (let i = 0; i < 40 && !opened; i++) {
    await sleep(250);
    opened = await portOpen(port);
  }
  await run;
  record(name, opened ? 'FAIL' : 'PASS', opened ? `127.0.0.1:${port} 可连接 / port is open` : `127.0.0.1:${port} 未打开`);
}

function findDatabase(dir) {
  if (!existsSync(dir)) return null;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) stack.push(p);
      else if (/\.(sqlite3?|db)$/i.test(name) && statSync(p).size > 0) return p;
    }
  }
  return null;
}

/** Counts demo rows with whatever SQLite reader this Node has: node:sqlite (Node 22.13+) or better-sqlite3. */
async function countRows(dbFile) {
  const sql = ['zones', 'agencies'].map((t) => `SELECT '${t}' AS t, COUNT(*) AS n FROM ${t}`).join(' UNION ALL ');
  try {
    const { DatabaseSync } = await import('node:sqlite');
    const db = new DatabaseSync(dbFile, { readOnly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  } catch {
    // fall through to better-sqlite3 (works only in a repo checkout built for plain Node)
  }
  try {
    const Database = createRequire(import.meta.url)('better-sqlite3');
    const db = new Database(dbFile, { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

async function main() {
  console.log(`ZoneDesk 安装包冒烟测试 / installed-build smoke test: ${bin}\n工作目录 / work dir: ${work}\n`);

  // 1. RunAsNode fuse.
  // The data dir goes after `--`: a binary that does run as Node would otherwise stop at an unknown
  // option before the script and the check would pass for the wrong reason.
  const asNode = await launch(['-e', "process.stdout.write('NODE')", '--', `--data-dir=${path.join(work, 'run-as-node')}`], { ELECTRON_RUN_AS_NODE: '1' }, 12_000);
  record('RunAsNode 熔丝已关闭 / ELECTRON_RUN_AS_NODE ignored', asNode.stdout.includes('NODE') ? 'FAIL' : 'PASS', asNode.stdout.includes('NODE') ? '程序以 Node 身份运行了脚本' : '');

  // 2. NODE_OPTIONS fuse: a --require probe would write a marker file.
  const marker = path.join(work, 'node-options-marker');
  const probe = path.join(work, 'probe.cjs');
  writeFileSync(probe, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran');\n`);
  await launch(['--', `--data-dir=${path.join(work, 'node-options')}`], { NODE_OPTIONS: `--require ${JSON.stringify(probe)}` }, 12_000);
  record('NodeOptions 熔丝已关闭 / NODE_OPTIONS ignored', existsSync(marker) ? 'FAIL' : 'PASS', existsSync(marker) ? 'NODE_OPTIONS 中的脚本被执行了' : '');

  // 3./4. Debugging ports.
  await checkNoPort('--inspect 不开调试端口 / no inspector port', (p) => `--inspect=${p}`);
  await checkNoPort('--remote-debugging-port 不开调试端口 / no CDP port', (p) => `--remote-debugging-port=${p}`);

  // 5. Normal start: database and demo data; window load via --smoke-test.
  const dataDir = path.join(work, 'data');
  const started = Date.now();
  const normal = await launch([`--data-dir=${dataDir}`, '--smoke-test'], {}, timeoutS * 1000);
  if (normal.timedOut) {
    record('窗口加载 / window loaded', 'WARN', `应用在 ${timeoutS} 秒内未自行退出：可能未实现 --smoke-test，请目视确认窗口正常显示`);
  } else {
    record('窗口加载 / window loaded', normal.code === 0 ? 'PASS' : 'FAIL', `退出码 / exit code ${normal.code}，用时 ${Math.round((Date.now() - started) / 1000)} 秒`);
  }
  const db = findDatabase(dataDir);
  if (!db) {
    record('数据库已创建 / database created', 'FAIL', `${dataDir} 中没有 .sqlite/.db 文件`);
  } else {
    record('数据库已创建 / database created', 'PASS', db);
    const rows = await countRows(db);
    if (!Array.isArray(rows)) {
      record('演示数据 / demo data', 'WARN', `无法读取数据库（需要 Node 22.13+ 的 node:sqlite）：${rows.error}`);
    } else {
      const empty = rows.filter((r) => Number(r.n) === 0).map((r) => r.t);
      record('演示数据 / demo data', empty.length === 0 ? 'PASS' : 'FAIL', rows.map((r) => `${r.t}=${r.n}`).join(', '));
    }
  }
  if (normal.stderr.trim()) console.log(`\n应用 stderr（最后 20 行）/ app stderr (last 20 lines):\n${normal.stderr.trim().split('\n').slice(-20).join('\n')}`);

  // 6. Fuse wire, when @electron/fuses is installed (repo checkout).
  let fuses = null;
  try {
    fuses = await import('@electron/fuses');
  } catch {
    console.log('\n（未安装 @electron/fuses，跳过熔丝读取；可运行 npx @electron/fuses read --app <bin>）');
  }
  if (fuses) {
    try {
      console.log('\n熔丝状态 / fuse wire:', JSON.stringify(await fuses.getCurrentFuseWire(bin)));
    } catch (err) {
      record('读取熔丝 / read fuse wire', 'WARN', err instanceof Error ? err.message : String(err));
    }
  }

  const failed = results.filter((r) => r.status === 'FAIL');
  const warned = results.filter((r) => r.status === 'WARN');
  console.log(`\n结果 / result: ${results.length - failed.length - warned.length} 通过, ${failed.length} 失败, ${warned.length} 需人工确认`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  process.exit(failed.length > 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(`冒烟测试出错 / smoke test error: ${err instanceof Error ? err.stack : String(err)}`);
  if (!keep) rmSync(work, { recursive: true, force: true });
  process.exit(1);
});
