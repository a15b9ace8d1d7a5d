// 改革方案: the list of reforms (status, effective date) and, once one is opened or created, the wizard —
// one step per screen, a step bar, back / next, and the problems of the current step above its content.
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import { store } from '../stores/root-store';
import { STEPS, STEP_APPLY, STEP_DEPTS, STEP_FUNCS, STEP_MAPPING, STEP_PREVIEW, STEP_SCOPE, STEP_STAFF } from './draft';
import { rs, statusLabel } from './strings';
import { wizard } from './wizard-store';
import { discardUnsaved, readUnsaved, restoreUnsaved } from './draft-autosave';
import { StepScope } from './StepScope';
import { StepMapping } from './StepMapping';
import { StepDepartments } from './StepDepartments';
import { StepStaffing } from './StepStaffing';
import { StepFunctions } from './StepFunctions';
import { StepPreview } from './StepPreview';
import { StepApply } from './StepApply';
import { Problems } from './ui';
import './reform.css';

const ReformList = observer(function ReformList() {
  const lang = store.lang;
  useEffect(() => void wizard.showList(), []);
  return (
    <div className="zd-rf-list" data-testid="reform-list">
      <div className="zd-rf-toolbar">
        <h2>{rs(lang, 'listTitle')}</h2>
        <button className="zd-rf-primary" data-action="new-reform" onClick={() => wizard.newReform()}>{rs(lang, 'newReform')}</button>
      </div>
      <UnsavedBanner />
      {wizard.list.length === 0 ? <p className="zd-rf-muted">{rs(lang, 'noReforms')}</p> : (
        <table className="zd-rf-table">
          <thead>
            <tr>
              <th>{rs(lang, 'colName')}</th><th>{rs(lang, 'colStatus')}</th><th>{rs(lang, 'colDate')}</th><th>{rs(lang, 'colDoc')}</th>
              <th>{rs(lang, 'colRows')}</th><th>{rs(lang, 'colApplied')}</th><th />
            </tr>
          </thead>
          <tbody>
            {wizard.list.map((r) => (
              <tr key={r.id} data-reform={r.name}>
                <td><a href="#" onClick={(e) => { e.preventDefault(); void wizard.openReform(r.id); }}>{r.name}</a></td>
                <td><span className={`zd-rf-status zd-rf-status-${r.status}`}>{statusLabel(lang, r.status)}</span></td>
                <td>{r.effectiveDate}</td>
                <td>{r.basisDocNo ?? ''}</td>
                <td className="num">{r.mappingCount}</td>
                <td>{r.appliedAt ? r.appliedAt.slice(0, 16).replace('T', ' ') : ''}</td>
                <td>
                  <button data-action="open-reform" onClick={() => void wizard.openReform(r.id)}>{rs(lang, 'open')}</button>
                  {r.status === 'draft' && <button onClick={() => void wizard.deleteReform(r.id)}>{rs(lang, 'del')}</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
});

/** Input typed in the wizard but never saved (the window was reloaded or closed): restore or discard. */
function UnsavedBanner() {
  const lang = store.lang;
  const [copy, setCopy] = useState(readUnsaved);
  if (!copy) return null;
  const name = copy.draft.scope.name || rs(lang, 'newReform');
  const time = new Date(copy.savedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { hour12: false });
  return (
    <div className="zd-rf-unsaved" data-testid="unsaved-draft" role="status">
      <span>{rs(lang, 'unsavedFound').replace('{name}', name).replace('{time}', time)}</span>
      <button className="zd-rf-primary" data-action="restore-unsaved" onClick={() => void restoreUnsaved(wizard).then((ok) => { if (!ok) setCopy(readUnsaved()); })}>
        {rs(lang, 'restoreUnsaved')}
      </button>
      <button data-action="discard-unsaved" onClick={() => { discardUnsaved(); setCopy(null); }}>{rs(lang, 'discardUnsaved')}</button>
    </div>
  );
}

function StepBody({ step }: { step: number }) {
  switch (step) {
    case STEP_SCOPE: return <StepScope />;
    case STEP_MAPPING: return <StepMapping />;
    case STEP_DEPTS: return <StepDepartments />;
    case STEP_STAFF: return <StepStaffing />;
    case STEP_FUNCS: return <StepFunctions />;
    case STEP_PREVIEW: return <StepPreview />;
    default: return <StepApply />;
  }
}

const Wizard = observer(function Wizard() {
  const lang = store.lang;
  const w = wizard;
  const d = w.draft;
  const problems = w.problemsAt(w.step);
  return (
    <div className="zd-rf-wizard" data-testid="reform-wizard" data-step={w.step + 1}>
      <div className="zd-rf-head">
        <button onClick={() => void w.showList()} data-action="reform-list">← {rs(lang, 'backToList')}</button>
        <strong className="zd-rf-title">{d.scope.name || rs(lang, 'newReform')}</strong>
        <span className={`zd-rf-status zd-rf-status-${d.status}`}>{statusLabel(lang, d.status)}</span>
        <span className="zd-rf-muted">{w.checking ? rs(lang, 'checking') : w.dirty && !w.readOnly ? rs(lang, 'unsaved') : ''}</span>
        {!w.readOnly && <button onClick={() => void w.saveDraft()} data-action="save-draft">{rs(lang, 'saveDraft')}</button>}
      </div>
      <ol className="zd-rf-steps">
        {STEPS.map((key, i) => (
          <li key={key} className={i === w.step ? 'active' : i < w.step ? 'done' : ''}>
            <button onClick={() => void w.goto(i)} data-step-tab={i + 1}>{i + 1}. {rs(lang, key)}</button>
          </li>
        ))}
      </ol>
      {w.readOnly && <p className="zd-rf-note">{rs(lang, 'readOnlyApplied')}</p>}
      <Problems title={rs(lang, 'stepProblems')} items={problems} testId="step-problems" />
      <div className="zd-rf-body"><StepBody step={w.step} /></div>
      <div className="zd-rf-nav">
        <button disabled={w.step === 0 || !!w.busy} onClick={() => void w.back()} data-action="wizard-back">{rs(lang, 'back')}</button>
        <span className="zd-rf-muted">{w.busy ?? ''}</span>
        {w.step < STEP_APPLY && (
          <button className="zd-rf-primary" disabled={!!w.busy} onClick={() => void w.next()} data-action="wizard-next">{rs(lang, 'next')} →</button>
        )}
      </div>
    </div>
  );
});

export const ReformsView = observer(function ReformsView() {
  return wizard.mode === 'list' ? <ReformList /> : <Wizard />;
});
