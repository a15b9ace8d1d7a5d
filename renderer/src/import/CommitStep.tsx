// Step 4: what will be written, 全部成功才导入, the import itself (one history group, undone as a whole by
// the header's 撤销), the outcome and the rejected rows as an .xlsx download.
import { observer } from 'mobx-react-lite';
import { TABLES } from '../../../shared/tables';
import { store, type ViewKey } from '../stores/root-store';
import { importStore as s } from './import-store';
import { Counts } from './PreviewStep';
import { tr } from './strings';

const Outcome = observer(function Outcome() {
  const r = s.result!;
  const zh = store.lang === 'zh';
  const text = !r.committed ? tr('refused', { n: r.counts.rejected })
    : r.groupId === null ? tr('nothingWritten') : tr('done', { new: r.counts.new, updated: r.counts.updated });
  return (
    <div className={`zd-imp-outcome ${r.committed && r.groupId !== null ? 'ok' : 'warn'}`} data-testid="import-outcome" data-committed={String(r.committed)}>
      <p>{text}</p>
      <div className="zd-imp-nav">
        {r.errorReportBase64 && <button type="button" data-action="import-report" onClick={() => s.downloadReport()}>{tr('download')}</button>}
        <button type="button" data-action="import-show" onClick={() => store.setView(s.table as ViewKey)}>
          {tr('showTable', { table: zh ? TABLES[s.table].zh : TABLES[s.table].en })}
        </button>
        <button type="button" data-action="import-again" onClick={() => s.reset()}>{tr('again')}</button>
      </div>
    </div>
  );
});

export const CommitStep = observer(function CommitStep() {
  const c = s.preview!.counts;
  // After an all-or-nothing refusal the user may untick the box and import the valid rows.
  const done = s.result?.committed === true;
  return (
    <>
      <section className="zd-imp-panel">
        <Counts filterable={false} />
        <p>{tr('plan', { new: c.new, updated: c.updated, unchanged: c.unchanged })}</p>
        {c.rejected > 0 && <p className="zd-imp-warn">{tr('planRejected', { n: c.rejected })}</p>}
        <label className="zd-imp-option">
          <input type="checkbox" data-testid="all-or-nothing" checked={s.allOrNothing} disabled={!!s.busy || done}
            onChange={(e) => s.setAllOrNothing(e.target.checked)} />
          {tr('allOrNothing')}
        </label>
        <p className="zd-imp-hint">{tr('oneGroup')}</p>
        {!done && (
          <div className="zd-imp-nav">
            <button type="button" onClick={() => s.setStep(3)} disabled={!!s.busy}>{tr('back')}</button>
            <button type="button" className="primary" data-action="import-commit" disabled={!!s.busy} onClick={() => void s.commit()}>{tr('start')}</button>
          </div>
        )}
      </section>
      {s.result && <Outcome />}
    </>
  );
});
