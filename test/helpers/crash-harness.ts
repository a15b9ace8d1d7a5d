// Crash harness: the real host (built CLI `serve`) on a fresh data folder takes a stream of edits over HTTP,
// is killed with SIGKILL at a random moment, and restarted. Then the file must prove: every edit whose call
// returned success is there, nothing is half there, the history agrees with the rows, and SQLite's
// integrity check passes. SIGKILL tests atomicity and acknowledgement order (a commit is on its way to disk
// before the reply is sent); it cannot cut power to the disk, which synchronous=FULL is there for.
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { CLI } from './app-host';

export interface CrashTrialOptions {
  readonly seed: number;
  /** The kill comes between these many milliseconds after the edits start. */
  readonly killAfterMs?: readonly [number, number];
  /** Edits in flight at once (the UI sends one at a time; scripts and several windows may send more). */
  readonly concurrency?: number;
  readonly keepDir?: boolean;
}

export interface CrashTrialResult {
  readonly seed: number;
  readonly killedAfterMs: number;
  readonly acked: number;
  /** Sent but not answered when the host died: each may or may not have been committed. */
  readonly inFlight: number;
  /** Acknowledged edits missing after restart (must be 0). */
  readonly lost: number;
  readonly integrity: string;
  /** History inconsistencies and count mismatches, in words (must be empty). */
  readonly problems: string[];
  readonly dataDir: string;
}

interface Host { child: ChildProcess; port: number; token: string }

/** Deterministic random numbers, so a failing trial can be re-run by its seed. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function startHost(dataDir: string): Promise<Host> {
  if (!fs.existsSync(CLI)) throw new Error('dist/node/cli.cjs is missing: run `npm run build` first');
  const child = spawn(process.execPath, [CLI, 'serve', '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`host did not start within 20 s: ${out}`)); }, 20_000);
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, port: Number(m[1]), token: m[2] });
      }
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.on('exit', (code, signal) => { clearTimeout(timer); reject(new Error(`host exited (${code ?? signal}) before listening: ${out}`)); });
  });
}

function stopHost(h: Host, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (h.child.exitCode !== null || h.child.signalCode !== null) return resolve();
    h.child.once('exit', () => resolve());
    h.child.kill(signal);
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

/** One contract call; resolves with the reply, rejects when the connection dies (host killed). */
export function call(h: Host, name: string, input: unknown): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> {
  const body = JSON.stringify(input);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: h.port, method: 'POST', path: `/api/${name}`, agent,
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('end', () => { try { resolve(JSON.parse(text)); } catch (e) { reject(e); } });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Edit { n: number; label: string; kind: 'update' | 'insert'; value: string; state: 'pending' | 'acked' | 'failed' }

export async function runCrashTrial(opts: CrashTrialOptions): Promise<CrashTrialResult> {
  const rand = mulberry32(opts.seed);
  const [lo, hi] = opts.killAfterMs ?? [20, 900];
  const killedAfterMs = Math.round(lo + rand() * (hi - lo));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zd-crash-'));
  const problems: string[] = [];
  const edits: Edit[] = [];
  try {
    const host = await startHost(dataDir);
    const agencies = ((await call(host, 'agencies.list', { includeEnded: true })).data as Array<{ id: number }>).map((a) => a.id);
    const baseline = ((await call(host, 'history.list', { limit: 1 })).data as Array<{ id: number }>)[0]?.id ?? 0;
    let killed = false;
    const worker = async () => {
      while (!killed) {
        const n = edits.length + 1;
        const kind = rand() < 0.7 ? 'update' : 'insert';
        const e: Edit = { n, label: `崩溃测试-${opts.seed}-${n}`, kind, value: `s${opts.seed}-e${n}-${'值'.repeat(1 + Math.floor(rand() * 40))}`, state: 'pending' };
        edits.push(e);
        const agencyId = agencies[Math.floor(rand() * agencies.length)];
        try {
          const r = kind === 'update'
            ? await call(host, 'agencies.update', { edits: [{ id: agencyId, field: 'note', value: e.value }], label: e.label })
            : await call(host, 'departments.insert', { rows: [{ agency_id: agencyId, name: e.value, function_class: 'comprehensive' }], label: e.label });
          e.state = r.ok ? 'acked' : 'failed';
          if (!r.ok) problems.push(`edit ${n} refused: ${r.error?.message}`);
        } catch {
          return; // the host died under this request: its outcome is unknown
        }
      }
    };
    const workers = Array.from({ length: opts.concurrency ?? 2 }, worker);
    await new Promise((r) => setTimeout(r, killedAfterMs));
    killed = true;
    await stopHost(host, 'SIGKILL');
    await Promise.all(workers);

    // Restart: the app must open the file as the user would find it, and answer.
    const again = await startHost(dataDir);
    const state = await call(again, 'history.state', {});
    if (!state.ok) problems.push(`restarted host did not answer: ${state.error?.message}`);
    await stopHost(again, 'SIGTERM');

    const db = new Database(path.join(dataDir, 'zonedesk.sqlite'), { readonly: true });
    try {
      const integrity = String(db.pragma('integrity_check', { simple: true }));
      const fk = db.pragma('foreign_key_check') as unknown[];
      if (fk.length) problems.push(`${fk.length} foreign key problems`);
      let lost = 0;
      const groupOf = db.prepare('SELECT id, state FROM history_group WHERE label = ?');
      const changeOf = db.prepare('SELECT tbl, after_json FROM history_change WHERE group_id = ?');
      for (const e of edits) {
        const groups = groupOf.all(e.label) as Array<{ id: number; state: string }>;
        if (groups.length > 1) problems.push(`edit ${e.n} recorded ${groups.length} times`);
        if (e.state === 'failed' && groups.length) problems.push(`refused edit ${e.n} was recorded`);
        if (e.state !== 'acked') continue;
        const changes = groups.length ? (changeOf.all(groups[0].id) as Array<{ tbl: string; after_json: string }>) : [];
        const landed = changes.some((c) => (c.tbl === 'agencies' ? JSON.parse(c.after_json).note : JSON.parse(c.after_json).name) === e.value);
        if (!landed || (e.kind === 'insert' && !db.prepare('SELECT 1 FROM departments WHERE name = ?').get(e.value))) lost++;
      }
      const acked = edits.filter((e) => e.state === 'acked').length;
      const inFlight = edits.filter((e) => e.state === 'pending').length;
      const after = (db.prepare('SELECT count(*) AS n FROM history_group WHERE id > ?').get(baseline) as { n: number }).n;
      if (after < acked || after > acked + inFlight) problems.push(`${after} groups after the baseline for ${acked} acknowledged + ${inFlight} unanswered edits`);
      problems.push(...historyProblems(db));
      return { seed: opts.seed, killedAfterMs, acked, inFlight, lost, integrity, problems, dataDir };
    } finally {
      db.close();
    }
  } finally {
    if (!opts.keepDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Replays the history per row: each change's before-image must be the previous change's after-image, and
 * the last after-image must be the row as it is (absent for a deletion). Any torn write would break this.
 */
export function historyProblems(db: Database.Database): string[] {
  const out: string[] = [];
  const last = new Map<string, string | null>();
  const rows = db.prepare(`SELECT c.group_id, c.tbl, c.row_id, c.before_json, c.after_json FROM history_change c ORDER BY c.group_id, c.seq`).iterate() as Iterable<{ group_id: number; tbl: string; row_id: number; before_json: string | null; after_json: string | null }>;
  for (const c of rows) {
    const key = `${c.tbl}:${c.row_id}`;
    if (last.has(key) && !sameJson(last.get(key)!, c.before_json)) out.push(`group ${c.group_id}: before-image of ${key} differs from the previous after-image`);
    last.set(key, c.after_json);
  }
  for (const [key, image] of last) {
    const [tbl, id] = key.split(':');
    const row = db.prepare(`SELECT * FROM ${tbl} WHERE id = ?`).get(Number(id));
    if (!sameJson(image, row ? JSON.stringify(row) : null)) out.push(`${key}: row differs from its last after-image`);
  }
  return out;
}

function sameJson(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  const x = JSON.parse(a) as Record<string, unknown>;
  const y = JSON.parse(b) as Record<string, unknown>;
  const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
  for (const k of keys) if ((x[k] ?? null) !== (y[k] ?? null)) return false;
  return true;
}

/** Runs trials `parallel` at a time (each trial is two host processes in sequence). */
export async function runCrashTrials(trials: number, parallel: number, firstSeed: number, opts: Partial<CrashTrialOptions> = {}): Promise<CrashTrialResult[]> {
  const results: CrashTrialResult[] = [];
  let next = 0;
  const lane = async () => {
    while (next < trials) {
      const seed = firstSeed + next++;
      results.push(await runCrashTrial({ ...opts, seed }));
    }
  };
  await Promise.all(Array.from({ length: parallel }, lane));
  return results.sort((a, b) => a.seed - b.seed);
}
