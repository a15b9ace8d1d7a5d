import { describe, expect, it } from 'vitest';
import { CALLS, CALL_NAMES } from '../../shared/contract';
import { HANDLERS } from '../../electron/main/handlers';
import { dispatch } from '../../electron/main/dispatch';
import type { HandlerContext } from '../../electron/main/context';
import { demoStore, registerFingerprint, tempDir } from '../helpers/temp';

function context(): HandlerContext {
  const dir = tempDir();
  const store = demoStore(dir);
  return { store, dataDir: dir, appVersion: 'test', startupWarnings: [], emit: () => {} };
}

const CJK = /[\u4e00-\u9fa5]/;
const MALFORMED: unknown[] = [42, 'agencies', [], true, { bogus: 1 }, { edits: 'x' }, { id: -1 }, { asOf: '2022/3/16' }];

describe('the contract', () => {
  it('has a handler for every call and a call for every handler', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...CALL_NAMES].sort());
  });

  it('names the table calls after the register tables', () => {
    for (const n of ['zones.list', 'agencies.update', 'departments.insert', 'staffing.delete', 'history.undo', 'history.redo', 'history.list']) {
      expect(CALL_NAMES).toContain(n);
    }
    expect(CALLS['agencies.update'].mutates).toBe(true);
    expect(CALLS['agencies.list'].mutates).toBe(false);
  });

  it('gives every malformed payload of every call a structured Chinese error and changes nothing', async () => {
    const ctx = context();
    const before = registerFingerprint(ctx.store);
    let checked = 0;
    for (const name of CALL_NAMES) {
      for (const payload of MALFORMED) {
        const res = await dispatch(name, payload, ctx);
        // Some payloads are valid for lenient calls (e.g. {} -like objects); those must still not write.
        if (res.ok) continue;
        checked++;
        expect(res.error.code, `${name} ${JSON.stringify(payload)}`).toBe('invalid_input');
        expect(res.error.message).toMatch(CJK);
        expect(res.error.message).not.toMatch(/at .*\.ts:\d+/); // no stack traces
        expect(JSON.stringify(res.error)).not.toMatch(/node_modules|\.ts:\d+/);
      }
      // A bare number is never a valid input: every call must refuse it.
      const res = await dispatch(name, 42, ctx);
      expect(res.ok, name).toBe(false);
    }
    expect(checked).toBeGreaterThan(CALL_NAMES.length * 4);
    expect(registerFingerprint(ctx.store)).toBe(before);
    ctx.store.close();
  });

  it('refuses unknown calls and reports where a nested field is wrong', async () => {
    const ctx = context();
    expect(await dispatch('agencies.drop', {}, ctx)).toMatchObject({ ok: false, error: { code: 'unknown_call' } });
    const res = await dispatch('agencies.update', { edits: [{ id: 1, field: 'rank', value: 'county_full' }, { id: 'x', field: 'rank', value: 1 }] }, ctx);
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error.details?.[0].path).toBe('edits[1].id');
    ctx.store.close();
  });

  it('turns a rule failure inside a handler into a Chinese message with the place named', async () => {
    const ctx = context();
    const before = registerFingerprint(ctx.store);
    const res = await dispatch('staffing.update', { edits: [{ id: 1, field: 'approved', value: -3 }] }, ctx);
    expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('“核定编制”不能小于0') } });
    expect(registerFingerprint(ctx.store)).toBe(before);
    ctx.store.close();
  });

  it('answers a valid edit with the changed row images', async () => {
    const ctx = context();
    const res = await dispatch('agencies.update', { edits: [{ id: 1, field: 'short_name', value: '经开区' }] }, ctx);
    expect(res.ok).toBe(true);
    if (res.ok) {
      const data = res.data as { changes: Array<{ after: { short_name: string } }> };
      expect(data.changes[0].after.short_name).toBe('经开区');
    }
    ctx.store.close();
  });
});
