// Crash safety (needs `npm run build`): the host is SIGKILLed at random moments while edits stream in;
// after a restart nothing acknowledged is missing, the history agrees with the rows, integrity_check is ok.
// test/bench/crash-bench.ts runs the same trial 100+ times.
import { describe, expect, it } from 'vitest';
import { runCrashTrials } from '../helpers/crash-harness';

describe('crash safety', () => {
  it('10 random SIGKILLs during edits lose no acknowledged edit and leave a consistent, intact file', async () => {
    const results = await runCrashTrials(10, 2, 1000);
    for (const r of results) {
      expect({ seed: r.seed, lost: r.lost, integrity: r.integrity, problems: r.problems }).toEqual({ seed: r.seed, lost: 0, integrity: 'ok', problems: [] });
    }
    // The trials must really have been cut mid-stream, with work acknowledged before the kill.
    expect(results.reduce((n, r) => n + r.acked, 0)).toBeGreaterThan(50);
  }, 60_000);
});
