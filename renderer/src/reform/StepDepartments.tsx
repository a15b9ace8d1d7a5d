// Step 3 — departments: for each target, the union of its own departments and those of the agencies merged
// into it. A merged agency's departments end by default (their duties go into the target's departments);
// one can be kept as a department of the target instead. Same-named departments are proposed for merging.
// Each is classed; the cap (R4) and the comprehensive share (R5, 30% by default) are checked live.
import { useState } from 'react';
import { observer } from 'mobx-react-lite';
import { enumLabel } from '../../../shared/enums';
import type { AfterAgency } from '../../../shared/reform/types';
import { DEFAULT_PROFILE, type DeptRec } from '../../../shared/rules/types';
import { store } from '../stores/root-store';
import { addCreate, ownedBy, ownerOf, patchRow, setEnded, isEnded, stepTargets } from './items-edit';
import { rs } from './strings';
import { EnumSelect, TextIn } from './ui';
import { wizard } from './wizard-store';

/** Findings of the live check that point at this agency (R4 cap, R5 share …). */
export function findingsOf(key: number, rules: readonly string[]) {
  return (wizard.live?.check.results ?? []).filter((r) => rules.includes(r.rule) && r.items.some((i) => i.table === 'agencies' && i.id === key));
}

const Metrics = observer(function Metrics({ a }: { a: AfterAgency }) {
  const lang = store.lang;
  const n = a.departments.length;
  const comp = a.departments.filter((x) => x.function_class === 'comprehensive').length;
  const cap = a.row.internal_dept_cap ?? null;
  const limit = DEFAULT_PROFILE.r5Percent;
  const pct = n ? Math.round((comp / n) * 1000) / 10 : 0;
  const overCap = cap != null && n > cap;
  const overShare = n > 0 && comp / n > limit / 100;
  return (
    <div className="zd-rf-metrics" data-testid="dept-metrics">
      <span>{rs(lang, 'cap')} {cap ?? '—'}</span>
      <span className={overCap ? 'bad' : ''}>{rs(lang, 'afterCount')} {n}</span>
      <span className={overShare ? 'bad' : ''} data-testid="dept-share">{rs(lang, 'comprehensive')} {comp}（{pct}%，{rs(lang, 'limit')}{limit}%）</span>
      <span className={`zd-rf-badge ${overCap || overShare ? 'bad' : 'ok'}`}>
        {overCap ? rs(lang, 'overCap') : overShare ? rs(lang, 'overShare') : rs(lang, 'withinLimits')}
      </span>
    </div>
  );
});

const TargetDepartments = observer(function TargetDepartments({ a }: { a: AfterAgency }) {
  const lang = store.lang;
  const reg = wizard.reg!;
  const d = wizard.draft;
  const ro = wizard.readOnly;
  const owner = ownerOf(a, d);
  const own = a.fromId != null ? reg.departments.get(a.fromId) ?? [] : [];
  const fromSources = a.mergedFrom.flatMap((s) => (reg.departments.get(s) ?? []).map((dep) => ({ dep, src: s })));
  const created = owner ? d.items.filter((it) => it.kind === 'department' && ownedBy(it, owner)) : [];
  const transferOf = (dep: DeptRec) => created.find((it) => it.payload.name === dep.name && it.note?.startsWith('由'));
  const names = [...own.map((x) => x.name), ...fromSources.map((x) => x.dep.name)];
  const dup = (name: string, self: DeptRec) => {
    const other = [...own, ...fromSources.map((x) => x.dep)].find((x) => x !== self && x.name === name);
    return other ? `${rs(lang, 'dupHint')}（${reg.name(other.agency_id)}）` : '';
  };
  const classOf = (dep: DeptRec) => {
    const upd = d.items.find((it) => it.kind === 'department' && it.op === 'update' && it.target_id === dep.id);
    return (upd?.payload.function_class as string | undefined) ?? dep.function_class;
  };
  const findings = findingsOf(a.key, ['R4', 'R5', 'R6']);
  return (
    <section className="zd-rf-target" data-testid="dept-target" data-agency={a.row.full_name}>
      <header><h4>{a.row.full_name}</h4><Metrics a={a} /></header>
      {findings.map((f) => <p key={f.key} className={`zd-rf-finding ${f.severity}`}>{f.rule} {f.message}</p>)}
      <table className="zd-rf-table">
        <thead><tr><th>{rs(lang, 'colDept')}</th><th>{rs(lang, 'colClass')}</th><th>{rs(lang, 'colFrom')}</th><th>{rs(lang, 'colDecision')}</th><th>{rs(lang, 'colHint')}</th></tr></thead>
        <tbody>
          {own.map((dep) => {
            const ended = !!isEnded(d, 'department', dep.id);
            return (
              <tr key={`o${dep.id}`} className={ended ? 'ended' : ''}>
                <td>{dep.name}</td>
                <td><EnumSelect name="dept_function_class" empty={false} value={classOf(dep)} disabled={ro || ended}
                  onChange={(v) => wizard.edit((dr) => patchRow(dr, 'department', dep.id, { function_class: v }, dep))} /></td>
                <td>{rs(lang, 'own')}</td>
                <td>
                  <select value={ended ? 'end' : 'keep'} disabled={ro} onChange={(e) => wizard.edit((dr) => setEnded(dr, 'department', dep.id, e.target.value === 'end'))}>
                    <option value="keep">{rs(lang, 'keepDept')}</option><option value="end">{rs(lang, 'endDept')}</option>
                  </select>
                </td>
                <td className="zd-rf-hint">{dup(dep.name, dep)}</td>
              </tr>
            );
          })}
          {fromSources.map(({ dep, src }) => {
            const t = transferOf(dep);
            return (
              <tr key={`s${dep.id}`} className={t ? '' : 'ended'}>
                <td>{dep.name}</td>
                <td>{t ? <EnumSelect name="dept_function_class" empty={false} value={t.payload.function_class as string} disabled={ro}
                  onChange={(v) => wizard.edit(() => (t.payload = { ...t.payload, function_class: v }))} /> : enumLabel('dept_function_class', dep.function_class, lang)}</td>
                <td>{reg.name(src)}</td>
                <td>
                  <select value={t ? 'transfer' : 'integrate'} disabled={ro || !owner} onChange={(e) => wizard.edit((dr) => {
                    if (e.target.value === 'transfer') addCreate(dr, 'department', owner, { name: dep.name, function_class: dep.function_class, ...(dep.rank ? { rank: dep.rank } : {}) }, `由${reg.name(src)}${dep.name}转入`);
                    else dr.items = dr.items.filter((x) => x !== transferOf(dep));
                  })}>
                    <option value="integrate">{rs(lang, 'integrate')}</option><option value="transfer">{rs(lang, 'transfer')}</option>
                  </select>
                </td>
                <td className="zd-rf-hint">{dup(dep.name, dep)}</td>
              </tr>
            );
          })}
          {created.filter((it) => !(it.note?.startsWith('由') && names.includes(String(it.payload.name)))).map((it) => (
            <tr key={it.k} className="created">
              <td><TextIn value={it.payload.name as string} disabled={ro} onChange={(v) => wizard.edit(() => (it.payload = { ...it.payload, name: v }))} /></td>
              <td><EnumSelect name="dept_function_class" empty={false} value={it.payload.function_class as string} disabled={ro}
                onChange={(v) => wizard.edit(() => (it.payload = { ...it.payload, function_class: v }))} /></td>
              <td>{rs(lang, 'created')}</td>
              <td>{!ro && <button onClick={() => wizard.edit((dr) => { dr.items = dr.items.filter((x) => x !== it); })}>{rs(lang, 'remove')}</button>}</td>
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      {!ro && owner && <button onClick={() => wizard.edit((dr) => addCreate(dr, 'department', owner, { name: '', function_class: 'economic' }))}>{rs(lang, 'addDept')}</button>}
    </section>
  );
});

export const StepDepartments = observer(function StepDepartments() {
  const lang = store.lang;
  const [extra, setExtra] = useState<number[]>([]);
  const reg = wizard.reg;
  if (!reg || !wizard.live) return <p className="zd-rf-muted">{rs(lang, 'checking')}</p>;
  const targets = stepTargets(wizard.live.after, wizard.draft, reg, ['department'], extra);
  return (
    <div className="zd-rf-depts">
      <div className="zd-rf-toolbar">
        <h3>{rs(lang, 'deptTitle')}</h3>
        <select value="" onChange={(e) => e.target.value && setExtra([...extra, Number(e.target.value)])}>
          <option value="">{rs(lang, 'otherAgency')}</option>
          {reg.mgmt.filter((a) => !targets.some((t) => t.key === a.id)).map((a) => <option key={a.id} value={a.id}>{a.full_name}</option>)}
        </select>
      </div>
      {targets.length === 0 && <p className="zd-rf-muted">{rs(lang, 'deptNone')}</p>}
      {targets.map((a) => <TargetDepartments key={a.key} a={a} />)}
    </div>
  );
});
