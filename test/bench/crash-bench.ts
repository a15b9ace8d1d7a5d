// Crash figures for `npm run bench`: 100+ SIGKILL trials of the real host (test/helpers/crash-harness.ts).
// crashLostEdits counts acknowledged edits missing after restart; crashIntegrityFailures counts trials whose
// file failed integrity_check or whose history disagreed with the rows. Both must be 0.
import { runCrashTrials } from '../helpers/crash-harness';
import { log } from './stats';

export async function benchCrash(trials = Number(process.env.ZONEDESK_CRASH_TRIALS ?? 100)): Promise<{ crashTrials: number; crashLostEdits: number; crashIntegrityFailures: number }> {
  const started = Date.now();
  const results = await runCrashTrials(Math.max(100, trials), 2, 1, { killAfterMs: [0, 1500] });
  const acked = results.reduce((n, r) => n + r.acked, 0);
  const inFlight = results.reduce((n, r) => n + r.inFlight, 0);
  const failures = results.filter((r) => r.integrity !== 'ok' || r.problems.length > 0);
  for (const f of failures.slice(0, 5)) log(`crash trial seed ${f.seed}: integrity=${f.integrity} ${f.problems.slice(0, 3).join('; ')}`);
  log(`crash: ${results.length} trials, ${acked} acknowledged edits, ${inFlight} unanswered at kill, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return {
    crashTrials: results.length,
    crashLostEdits: results.reduce((n, r) => n + r.lost, 0),
    crashIntegrityFailures: failures.length,
  };
}
