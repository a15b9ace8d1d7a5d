// Step 6 — preview of the SAVED plan (what apply will see): before / after / change of the management
// agencies by zone-type group and by county, the Sankey pictures (groups, and old agencies → new ones),
// and every rule result R1–R20 with severity, the items it names and where the rule comes from. The R1
// profile can be switched. Errors block applying; each warning needs an acknowledgement.
import { observer } from 'mobx-react-lite';
import { ENUMS, enumLabel } from '../../../shared/enums';
import type { Counts, ReformSummary } from '../../../shared/reform/summary';
import { RULE_INFO } from '../../../shared/rules/sources';
import type { RuleResult } from '../../../shared/rules/types';
import { store } from '../stores/root-store';
import { GROUP_COLORS, Sankey, type SankeyLinkIn, type SankeyNodeIn } from './Sankey';
import { rs } from './strings';
import { sign } from './ui';
import { wizard } from './wizard-store';

function CountTable({ rows, before, after, change, testId, head }: {
  rows: Array<[string, string]>; before: Counts; after: Counts; change: Counts; testId: string; head: string;
}) {
  const lang = store.lang;
  const pick = (c: Counts, k: string, by: 'byGroup' | 'byCounty') => c[by][k] ?? 0;
  const by = testId === 'by-group' ? 'byGroup' : 'byCounty';
  return (
    <table className="zd-rf-table zd-rf-counts-table" data-testid={testId}>
      <thead><tr><th>{head}</th><th>{rs(lang, 'before')}</th><th>{rs(lang, 'after')}</th><th>{rs(lang, 'change')}</th></tr></thead>
      <tbody>
        {rows.map(([k, label]) => (
          <tr key={k} data-key={k}>
            <td>{label}</td><td className="num" data-col="before">{pick(before, k, by)}</td>
            <td className="num" data-col="after">{pick(after, k, by)}</td>
            <td className="num" data-col="change">{sign(pick(change, k, by))}</td>
          </tr>
        ))}
        <tr className="total" data-key="total">
          <td>{rs(lang, 'total')}</td><td className="num" data-col="before">{before.total}</td>
          <td className="num" data-col="after">{after.total}</td><td className="num" data-col="change">{sign(change.total)}</td>
        </tr>
      </tbody>
    </table>
  );
}

/** Old agencies → new ones, coloured by the group after the reform. Targets are ordered by group and each
 * source is placed next to its target, so most bands run straight across. */
function agencySankey(s: ReformSummary, lang: 'zh' | 'en') {
  const groupRank = (g: string | null) => { const i = ENUMS.type_group.findIndex((o) => o.key === g); return i < 0 ? 99 : i; };
  const targetId = (f: ReformSummary['flows'][number]) => (f.toKey === null ? 'abolished' : `b${f.toKey}`);
  const right: SankeyNodeIn[] = [];
  const rightGroup = new Map<string, number>();
  for (const f of [...s.flows].sort((a, b) => groupRank(a.toGroup) - groupRank(b.toGroup) || a.county.localeCompare(b.county))) {
    const id = targetId(f);
    if (right.some((n) => n.id === id)) continue;
    right.push({ id, label: f.toName ?? (lang === 'zh' ? '撤销' : 'Abolished'), color: GROUP_COLORS[f.toKey === null ? 'abolished' : f.toGroup ?? 'other'] });
    rightGroup.set(id, right.length);
  }
  const flows = [...s.flows].sort((a, b) => rightGroup.get(targetId(a))! - rightGroup.get(targetId(b))! || Number(b.toKey === b.fromId) - Number(a.toKey === a.fromId));
  const left: SankeyNodeIn[] = flows.map((f) => ({ id: `a${f.fromId}`, label: f.fromName, color: GROUP_COLORS[f.fromGroup ?? 'other'] }));
  const links: SankeyLinkIn[] = flows.map((f) => ({
    source: `a${f.fromId}`, target: targetId(f), value: 1, color: GROUP_COLORS[f.toGroup ?? 'abolished'], title: `${f.fromName} → ${f.toName ?? '撤销'}`,
  }));
  return { left, right, links };
}

function groupSankey(s: ReformSummary) {
  const color = (id: string) => GROUP_COLORS[id.split(':')[1]] ?? '#7a7a7a';
  const value = (id: string) => s.sankey.links.filter((l) => l.source === id || l.target === id).reduce((n, l) => n + l.value, 0);
  const nodes = (side: 'before' | 'after') => s.sankey.nodes.filter((n) => n.side === side).map((n) => ({ id: n.id, label: `${n.label} ${value(n.id)}`, color: color(n.id) }));
  return {
    left: nodes('before'), right: nodes('after'),
    links: s.sankey.links.map((l) => ({ source: l.source, target: l.target, value: l.value, color: color(l.target), title: `${l.source} → ${l.target}：${l.value}` })),
  };
}

const RuleRow = observer(function RuleRow({ r }: { r: RuleResult }) {
  const lang = store.lang;
  const sev = r.severity === 'error' ? 'sevError' : r.severity === 'warning' ? 'sevWarning' : 'sevInfo';
  return (
    <li className={`zd-rf-rule ${r.severity}`} data-rule={r.rule} data-severity={r.severity}>
      <div>
        <span className={`zd-rf-sev ${r.severity}`}>{rs(lang, sev)}</span>
        <strong>{r.rule} {RULE_INFO[r.rule]?.title}</strong>
        {r.severity === 'warning' && !wizard.readOnly && (
          <label className="zd-rf-ack">
            <input type="checkbox" checked={wizard.acks.has(r.key)} onChange={(e) => wizard.ack(r.key, e.target.checked)} data-testid="ack" />
            {rs(lang, 'acknowledge')}
          </label>
        )}
      </div>
      <div>{r.message}</div>
      {r.items.some((i) => i.name) && <div className="zd-rf-muted">{r.items.map((i) => i.name).filter(Boolean).join('、')}</div>}
      <div className="zd-rf-source">{rs(lang, 'ruleSource')}：{r.source}</div>
    </li>
  );
});

export const StepPreview = observer(function StepPreview() {
  const lang = store.lang;
  const c = wizard.serverCheck;
  const reg = wizard.reg;
  if (!c || !reg) return <p className="zd-rf-muted">{rs(lang, 'checking')}</p>;
  const s = c.summary;
  const groups = ENUMS.type_group.map((o) => [o.key, enumLabel('type_group', o.key, lang)] as [string, string]);
  const counties = [...new Set([...Object.keys(s.before.byCounty), ...Object.keys(s.after.byCounty)])].sort().map((k) => [k, reg.county(k)] as [string, string]);
  const order = { error: 0, warning: 1, info: 2 };
  const results = [...c.results].sort((a, b) => order[a.severity] - order[b.severity]);
  const g = groupSankey(s);
  const a = agencySankey(s, lang);
  return (
    <div className="zd-rf-preview">
      <p className="zd-rf-headline" data-testid="preview-headline">
        {rs(lang, 'headline')} <b data-testid="before-total">{s.before.total}</b> → <b data-testid="after-total">{s.after.total}</b>（{sign(s.change.total)}）
        ；{enumLabel('type_group', 'industrial', lang)} {s.before.byGroup.industrial ?? 0} → {s.after.byGroup.industrial ?? 0}
      </p>
      <div className="zd-rf-two">
        <div><h4>{rs(lang, 'byGroup')}</h4><CountTable rows={groups} before={s.before} after={s.after} change={s.change} testId="by-group" head={rs(lang, 'filterGroup')} /></div>
        <div><h4>{rs(lang, 'byCounty')}</h4><CountTable rows={counties} before={s.before} after={s.after} change={s.change} testId="by-county" head={rs(lang, 'county')} /></div>
        <div><h4>{rs(lang, 'sankeyTitle')}</h4><Sankey {...g} width={460} labelW={130} unitPx={9} testId="sankey-groups" /></div>
      </div>
      <h4>{rs(lang, 'sankeyTitle')}</h4>
      <div className="zd-rf-scroll-x"><Sankey {...a} testId="sankey" /></div>
      <h4>{rs(lang, 'rulesTitle')}</h4>
      <div className="zd-rf-toolbar">
        <label>{rs(lang, 'profile')}
          <select value={wizard.draft.scope.r1Mode ?? 'per_county_per_type'} disabled={wizard.readOnly} data-testid="profile"
            onChange={(e) => void wizard.setProfile(e.target.value === 'per_county_per_type' ? null : 'per_county_any')}>
            <option value="per_county_per_type">{rs(lang, 'profilePerType')}</option>
            <option value="per_county_any">{rs(lang, 'profileAny')}</option>
          </select>
        </label>
        <span data-testid="rule-counts">{rs(lang, 'sevError')} {c.counts.error} · {rs(lang, 'sevWarning')} {c.counts.warning} · {rs(lang, 'sevInfo')} {c.counts.info}</span>
        {c.counts.warning > 0 && !wizard.readOnly && <button onClick={() => wizard.ackAll()} data-action="ack-all">{rs(lang, 'ackAll')}</button>}
        {c.counts.error > 0 && <span className="zd-rf-badge bad">{rs(lang, 'errorsBlock')}</span>}
        {wizard.unacknowledged > 0 && <span className="zd-rf-badge warn">{wizard.unacknowledged} {rs(lang, 'warningsLeft')}</span>}
      </div>
      {c.problems.length > 0 && (
        <ul className="zd-rf-rules"><li className="zd-rf-rule error"><strong>{rs(lang, 'inputProblems')}</strong>{c.problems.map((p, i) => <div key={i}>{p.message}</div>)}</li></ul>
      )}
      {results.length === 0 ? <p>{rs(lang, 'noFindings')}</p> : <ul className="zd-rf-rules" data-testid="rules">{results.map((r) => <RuleRow key={r.key} r={r} />)}</ul>}
    </div>
  );
});
