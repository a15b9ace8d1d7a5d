// Step 4 — staffing and posts: by staffing type, what each target had, receives from its merged sources and
// gains or loses (核增 needs 编制来源), and what it has after; the transfers of each merged source (a merge
// moves every post: other figures are an input error shown here); the totals of the region by type; and
// leadership posts approved vs filled. 超编, 超职数 and a rank above every source are flagged.
import { observer } from 'mobx-react-lite';
import { ENUMS, enumLabel } from '../../../shared/enums';
import type { AfterAgency } from '../../../shared/reform/types';
import { rankHigher } from '../../../shared/rules/agency-rules';
import type { StaffingRec } from '../../../shared/rules/types';
import { store } from '../stores/root-store';
import { patchRow, stepTargets } from './items-edit';
import { findingsOf } from './StepDepartments';
import { rs } from './strings';
import { NumIn, TextIn, sign } from './ui';
import { wizard } from './wizard-store';

const TYPES = ENUMS.staffing_type.map((o) => o.key);

function sumBy(rows: readonly StaffingRec[], f: 'approved' | 'actual'): Map<string, number> {
  const m = new Map<string, number>();
  for (const r of rows) m.set(r.staffing_type, (m.get(r.staffing_type) ?? 0) + (r[f] ?? 0));
  return m;
}

const Transfers = observer(function Transfers({ a }: { a: AfterAgency }) {
  const lang = store.lang;
  const reg = wizard.reg!;
  const ro = wizard.readOnly;
  return (
    <div className="zd-rf-sub">
      <h5>{rs(lang, 'transferTitle')} <small className="zd-rf-muted">{rs(lang, 'transferHint')}</small></h5>
      {a.mergedFrom.map((s) => {
        const m = wizard.draft.mappings.find((x) => x.source_agency_id === s && x.action === 'merge_into');
        const had = sumBy(reg.staffing.get(s) ?? [], 'approved');
        return (
          <div key={s} className="zd-rf-transfer" data-source={reg.name(s)}>
            <span>{reg.name(s)}</span>
            {[...had.entries()].map(([type, n]) => (
              <label key={type}>{enumLabel('staffing_type', type, lang)} {n} →
                <NumIn value={m?.staffing_transfer?.[type] ?? n} disabled={ro || !m} testId={`transfer-${s}-${type}`} onChange={(v) => wizard.edit(() => {
                  if (!m) return;
                  const t = { ...(m.staffing_transfer ?? Object.fromEntries(had)), [type]: v ?? 0 };
                  // All posts moving is the default: no explicit figures are stored then.
                  m.staffing_transfer = [...had.entries()].every(([k, x]) => t[k] === x) && Object.keys(t).length === had.size ? null : t;
                })} />
              </label>
            ))}
          </div>
        );
      })}
    </div>
  );
});

const TargetStaffing = observer(function TargetStaffing({ a }: { a: AfterAgency }) {
  const lang = store.lang;
  const reg = wizard.reg!;
  const d = wizard.draft;
  const ro = wizard.readOnly;
  const ownRows = a.fromId != null ? reg.staffing.get(a.fromId) ?? [] : [];
  const own = sumBy(ownRows, 'approved');
  const incoming = new Map<string, number>();
  for (const s of a.mergedFrom) {
    const m = d.mappings.find((x) => x.source_agency_id === s && x.action === 'merge_into');
    const t = m?.staffing_transfer ?? Object.fromEntries(sumBy(reg.staffing.get(s) ?? [], 'approved'));
    for (const [type, n] of Object.entries(t)) incoming.set(type, (incoming.get(type) ?? 0) + n);
  }
  const after = sumBy(a.staffing, 'approved');
  const actual = sumBy(a.staffing, 'actual');
  const types = TYPES.filter((t) => own.has(t) || incoming.has(t) || after.has(t));
  const sourceRanks = [a.fromId, ...a.mergedFrom].map((id) => reg.agencyById.get(id ?? 0)?.rank).filter(Boolean);
  const mapping = d.mappings.find((m) => m.source_agency_id === a.fromId);
  const rankFlag = sourceRanks.length > 0 && sourceRanks.every((r) => rankHigher(a.row.rank, r)) && !mapping?.basis_doc_no;
  const findings = findingsOf(a.key, ['R10', 'R11']);
  return (
    <section className="zd-rf-target" data-testid="staff-target" data-agency={a.row.full_name}>
      <header><h4>{a.row.full_name}</h4>{rankFlag && <span className="zd-rf-badge bad">{rs(lang, 'rankFlag')}</span>}</header>
      {findings.map((f) => <p key={f.key} className={`zd-rf-finding ${f.severity}`}>{f.rule} {f.message}</p>)}
      <table className="zd-rf-table">
        <thead><tr>
          <th>{rs(lang, 'colType')}</th><th>{rs(lang, 'colOwn')}</th><th>{rs(lang, 'colIn')}</th><th>{rs(lang, 'colDelta')}</th>
          <th>{rs(lang, 'staffSource')}</th><th>{rs(lang, 'colAfter')}</th><th>{rs(lang, 'colActual')}</th><th>{rs(lang, 'colFlag')}</th>
        </tr></thead>
        <tbody>
          {types.map((type) => {
            const row = ownRows.find((r) => r.staffing_type === type);
            const upd = row && d.items.find((it) => it.kind === 'staffing' && it.op === 'update' && it.target_id === row.id);
            const delta = (upd?.payload.approved_delta as number | undefined) ?? 0;
            const over = (actual.get(type) ?? 0) > (after.get(type) ?? 0);
            return (
              <tr key={type} data-type={type}>
                <td>{enumLabel('staffing_type', type, lang)}</td>
                <td className="num">{own.get(type) ?? 0}</td>
                <td className="num">{incoming.get(type) ?? 0}</td>
                <td>{row ? <NumIn value={delta || null} disabled={ro} onChange={(v) => wizard.edit((dr) => patchRow(dr, 'staffing', row.id, { approved_delta: v || null, actual_delta: v && v < 0 ? v : null }, {}))} /> : ''}</td>
                <td>{row && delta > 0 ? <TextIn value={upd?.payload.source as string} disabled={ro} onChange={(v) => wizard.edit((dr) => patchRow(dr, 'staffing', row.id, { source: v }, {}))} /> : upd?.note ?? ''}</td>
                <td className="num" data-testid="staff-after">{after.get(type) ?? 0}</td>
                <td className="num">{actual.get(type) ?? 0}</td>
                <td>{over ? <span className="zd-rf-badge bad">{rs(lang, 'overStaffed')}</span> : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {a.mergedFrom.length > 0 && <Transfers a={a} />}
      <Posts a={a} />
    </section>
  );
});

const Posts = observer(function Posts({ a }: { a: AfterAgency }) {
  const lang = store.lang;
  const ro = wizard.readOnly;
  const reg = wizard.reg!;
  if (!a.posts.length) return null;
  const gone = a.mergedFrom.reduce((n, s) => n + (reg.posts.get(s) ?? []).reduce((x, p) => x + p.approved, 0), 0);
  return (
    <div className="zd-rf-sub">
      <h5>{rs(lang, 'postsTitle')}{gone ? <small className="zd-rf-muted">（原机构领导职数{gone}名随机构撤并取消）</small> : null}</h5>
      <table className="zd-rf-table">
        <thead><tr><th>{rs(lang, 'colTitle')}</th><th>{rs(lang, 'colGrade')}</th><th>{rs(lang, 'colApproved')}</th><th>{rs(lang, 'colFilled')}</th><th>{rs(lang, 'colFlag')}</th></tr></thead>
        <tbody>
          {a.posts.map((p) => {
            const orig = reg.snapshot.posts.find((x) => x.id === p.id);
            return (
              <tr key={p.id}>
                <td>{p.title}</td>
                <td>{enumLabel('rank', p.grade, lang)}</td>
                <td className="num">{p.approved}</td>
                <td>{orig ? <NumIn value={p.filled} disabled={ro} onChange={(v) => wizard.edit((dr) => patchRow(dr, 'leader_post', p.id, { filled: v }, orig))} /> : p.filled}</td>
                <td>{(p.filled ?? 0) > p.approved ? <span className="zd-rf-badge bad">{rs(lang, 'overPosts')}</span> : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
});

/** Totals of the region by type, before and after: growth needs a stated source (R9). */
const Balance = observer(function Balance() {
  const lang = store.lang;
  const reg = wizard.reg!;
  const live = wizard.live!;
  const before = sumBy(reg.snapshot.staffing, 'approved');
  const keys = new Set(live.after.map((a) => a.key));
  const removed = new Set(live.removed.map((r) => r.agencyId));
  const after = sumBy([...live.after.flatMap((a) => a.staffing), ...reg.snapshot.staffing.filter((r) => !keys.has(r.agency_id) && !removed.has(r.agency_id))], 'approved');
  const r9 = (live.check.results ?? []).filter((r) => r.rule === 'R9');
  return (
    <section className="zd-rf-target" data-testid="staff-balance">
      <h4>{rs(lang, 'balanceTitle')}</h4>
      <table className="zd-rf-table">
        <thead><tr><th>{rs(lang, 'colType')}</th><th>{rs(lang, 'before')}</th><th>{rs(lang, 'after')}</th><th>{rs(lang, 'change')}</th></tr></thead>
        <tbody>
          {TYPES.filter((t) => before.has(t) || after.has(t)).map((t) => {
            const ch = (after.get(t) ?? 0) - (before.get(t) ?? 0);
            return (
              <tr key={t} data-type={t}>
                <td>{enumLabel('staffing_type', t, lang)}</td><td className="num">{before.get(t) ?? 0}</td>
                <td className="num">{after.get(t) ?? 0}</td><td className={`num${ch > 0 ? ' bad' : ''}`}>{sign(ch)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {r9.map((f) => <p key={f.key} className={`zd-rf-finding ${f.severity}`}>{f.rule} {f.message}</p>)}
    </section>
  );
});

export const StepStaffing = observer(function StepStaffing() {
  const lang = store.lang;
  const reg = wizard.reg;
  if (!reg || !wizard.live) return <p className="zd-rf-muted">{rs(lang, 'checking')}</p>;
  const targets = stepTargets(wizard.live.after, wizard.draft, reg, ['staffing', 'leader_post'], []);
  return (
    <div className="zd-rf-staff">
      <h3>{rs(lang, 'staffTitle')}</h3>
      <Balance />
      {targets.map((a) => <TargetStaffing key={a.key} a={a} />)}
    </div>
  );
});
