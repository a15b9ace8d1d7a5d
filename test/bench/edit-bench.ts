// Edit round trip as the browser makes it: POST /api/agencies.update to the loopback host (a separate
// process, as in browser mode), which validates, commits with history and returns the row images; side by
// side with a raw better-sqlite3 single-row UPDATE on the same file with the same pragmas.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { applyPragmas } from '../../db/open';
import { DB_FILE_NAME } from '../../db/store';
import { startAppHost } from '../helpers/app-host';
import { log, median, percentile, repeat, round } from './stats';

const EDITS_PER_RUN = 300;

function post(agent: http.Agent, port: number, token: string, name: string, body: unknown): Promise<number> {
  const data = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: `/api/${name}`, agent, headers: { host: `127.0.0.1:${port}`, authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => {
        const ms = performance.now() - t0;
        if (!JSON.parse(text).ok) reject(new Error(text));
        else resolve(ms);
      });
    });
    req.on('error', reject);
    req.end(data);
  });
}

export async function benchEdit(nationalDir: string): Promise<Record<string, number>> {
  // Edits go to a copy, so the shared synthetic folder stays as generated for the other measurements.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zonedesk-bench-edit-'));
  fs.cpSync(nationalDir, dataDir, { recursive: true });
  const host = await startAppHost(dataDir);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  let counter = 0;
  try {
    log(`edit round trip: ${EDITS_PER_RUN} edits per run through ${host.url.replace(/token=.*/, 'token=…')}`);
    const runs = await repeat(5, 1, async () => {
      const times: number[] = [];
      for (let i = 0; i < EDITS_PER_RUN; i++) {
        const id = 1 + ((counter * 7919) % 20_000);
        times.push(await post(agent, host.port, host.token, 'agencies.update', { edits: [{ id, field: 'note', value: `基准测试 ${counter++}` }] }));
      }
      return { p50: median(times), p99: percentile(times, 99) };
    });
    await host.stop();
    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    applyPragmas(db);
    const update = db.prepare('UPDATE agencies SET note = ? WHERE id = ?');
    const raw = await repeat(5, 1, () => {
      const times: number[] = [];
      for (let i = 0; i < EDITS_PER_RUN; i++) {
        const t0 = performance.now();
        update.run(`原始 ${counter++}`, 1 + ((counter * 7919) % 20_000));
        times.push(performance.now() - t0);
      }
      return { p50: median(times), p99: percentile(times, 99) };
    });
    db.close();
    const p50 = median(runs.map((r) => r.p50));
    const p99 = median(runs.map((r) => r.p99));
    const rawP99 = median(raw.map((r) => r.p99));
    return {
      editRoundTripP50Ms: round(p50),
      editRoundTripP99Ms: round(p99),
      rawUpdateP50Ms: round(median(raw.map((r) => r.p50))),
      rawUpdateP99Ms: round(rawP99),
      editRoundTripRatioP99: round(p99 / rawP99, 2),
    };
  } finally {
    agent.destroy();
    await host.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
