// Step 7 — apply: backup, one transaction, one history entry. Then revert: without choices the engine lists
// conflicts with later edits and writes nothing; the user picks keep / restore for each one (nothing is
// overwritten silently). Below, the register by date: today, and the day before the effective date.
import { useEffect } from 'react';
import { observer } from 'mobx-react-lite';
import { store } from '../stores/root-store';
import { rs } from './strings';
import { wizard } from './wizard-store';

const Figures = observer(function Figures() {
  const lang = store.lang;
  const f = wizard.figures;
  useEffect(() => void wizard.loadFigures(), []);
  if (!f) return null;
  return (
    <section className="zd-rf-target" data-testid="date-figures">
      <h4>{rs(lang, 'anyDate')}</h4>
      <table className="zd-rf-table">
        <tbody>
          {f.map((x) => (
            <tr key={x.label} data-date={x.label}>
              <td>{rs(lang, x.label)}（{x.date}）</td>
              <td>{rs(lang, 'headline')} <b data-testid={`fig-${x.label}-total`}>{x.total}</b> {rs(lang, 'agenciesUnit')}</td>
              <td>{rs(lang, 'industrial')} <b data-testid={`fig-${x.label}-industrial`}>{x.industrial}</b> {rs(lang, 'agenciesUnit')}</td>
              <td>
                <button onClick={() => { store.setAsOf(x.label === 'today' ? null : x.date); store.setView('agencies'); }} data-action={`view-${x.label}`}>
                  {rs(lang, 'viewRegister')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});

const Conflicts = observer(function Conflicts() {
  const lang = store.lang;
  const list = wizard.conflicts;
  if (!list?.length) return null;
  return (
    <section className="zd-rf-target zd-rf-conflicts" data-testid="conflicts">
      <h4>{rs(lang, 'conflictsTitle')}</h4>
      <table className="zd-rf-table">
        <thead><tr><th /><th>{rs(lang, 'current')}</th><th>{rs(lang, 'beforeVal')}</th><th /></tr></thead>
        <tbody>
          {list.map((c) => (
            <tr key={c.key}>
              <td>{c.message}</td><td>{String(c.current ?? '')}</td><td>{String(c.before ?? '')}</td>
              <td>
                <label><input type="radio" name={c.key} checked={wizard.choices[c.key] === 'keep'} onChange={() => wizard.choose(c.key, 'keep')} />{rs(lang, 'keep')}</label>
                <label><input type="radio" name={c.key} checked={wizard.choices[c.key] === 'restore'} onChange={() => wizard.choose(c.key, 'restore')} />{rs(lang, 'restore')}</label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button className="zd-rf-primary" disabled={list.some((c) => !wizard.choices[c.key]) || !!wizard.busy} onClick={() => void wizard.revert()} data-action="revert-choices">
        {rs(lang, 'revertWithChoices')}
      </button>
    </section>
  );
});

export const StepApply = observer(function StepApply() {
  const lang = store.lang;
  const d = wizard.draft;
  const det = wizard.detail;
  const c = wizard.serverCheck;
  const o = wizard.outcome;
  const applied = d.status === 'applied';
  return (
    <div className="zd-rf-apply">
      <section className="zd-rf-target">
        <h4>{rs(lang, 'applyTitle')}</h4>
        <p>{rs(lang, 'applyExplain')}</p>
        {c && (
          <p data-testid="apply-summary">
            {rs(lang, 'headline')} {c.summary.before.total} → {c.summary.after.total}；
            {rs(lang, 'sevError')} {c.counts.error} · {rs(lang, 'sevWarning')} {c.counts.warning}
            {wizard.unacknowledged > 0 && <span className="zd-rf-badge warn">{wizard.unacknowledged} {rs(lang, 'warningsLeft')}</span>}
          </p>
        )}
        {!applied && (
          <button className="zd-rf-primary" disabled={!wizard.canApply || !!wizard.busy} onClick={() => void wizard.apply()} data-action="apply">{rs(lang, 'apply')}</button>
        )}
        {applied && (
          <div className="zd-rf-done" data-testid="applied">
            <strong>{rs(lang, 'applied')}</strong> {det?.appliedAt?.slice(0, 19).replace('T', ' ')}
            {o && <span>；{rs(lang, 'changeCount')} {o.changeCount}</span>}
            {(o?.backupFile ?? det?.backupFile) && <div className="zd-rf-muted">{rs(lang, 'backupFile')}：{o?.backupFile ?? det?.backupFile}</div>}
          </div>
        )}
        {applied && !wizard.conflicts && (
          <button disabled={!!wizard.busy} onClick={() => void wizard.revert()} data-action="revert">{rs(lang, 'revert')}</button>
        )}
        {d.status === 'reverted' && <p className="zd-rf-done" data-testid="reverted">{rs(lang, 'reverted')}</p>}
        {wizard.kept && wizard.kept.length > 0 && (
          <div className="zd-rf-muted">{rs(lang, 'keptWarnings')}：{wizard.kept.map((k) => k.message).join('；')}</div>
        )}
      </section>
      <Conflicts />
      <Figures />
    </div>
  );
});
