// Step 3: every row classified as new / update / unchanged / error, filterable by status; rejected rows
// (listed first by the backend) name the row, the column and the reason.
import { observer } from 'mobx-react-lite';
import type { ImportRowSummary } from '../../../shared/contract/import';
import { importStore as s, type RowFilter } from './import-store';
import { statusLabel, tr } from './strings';

const FILTERS: RowFilter[] = ['all', 'new', 'update', 'unchanged', 'error'];

function countOf(f: RowFilter): number {
  const c = s.preview!.counts;
  if (f === 'all') return c.new + c.updated + c.unchanged + c.rejected;
  return f === 'new' ? c.new : f === 'update' ? c.updated : f === 'unchanged' ? c.unchanged : c.rejected;
}

export const Counts = observer(function Counts({ filterable }: { filterable: boolean }) {
  return (
    <div className="zd-imp-counts" data-testid="import-counts">
      {FILTERS.map((f) => (
        <button key={f} type="button" className={`zd-imp-count-${f}${filterable && s.filter === f ? ' active' : ''}`} data-filter={f} data-count={countOf(f)}
          disabled={!filterable} onClick={() => s.setFilter(f)}>
          {f === 'all' ? tr('all') : statusLabel(f)} <b>{countOf(f)}</b>
        </button>
      ))}
    </div>
  );
});

function detail(r: ImportRowSummary): string {
  if (r.reasons?.length) return r.reasons.join('；');
  if (r.changes?.length) return tr('changes', { fields: r.changes.join('、') });
  return '';
}

const Errors = observer(function Errors() {
  const p = s.preview!;
  const names = new Map(p.rows.map((r) => [r.row, r.name]));
  return (
    <table className="zd-imp-table" data-testid="import-errors">
      <caption>{tr('errorsTitle')}</caption>
      <thead><tr><th>{tr('rowNo')}</th><th>{tr('name')}</th><th>{tr('column')}</th><th>{tr('cellValue')}</th><th>{tr('reason')}</th></tr></thead>
      <tbody>
        {p.errors.map((e, i) => (
          <tr key={i} data-row={e.row ?? ''}>
            <td>{e.row ?? ''}</td>
            <td>{e.row !== null ? names.get(e.row) ?? '' : ''}</td>
            <td>{e.columnLetter ? `${tr('colLetter', { l: e.columnLetter })} ${e.column ?? ''}` : tr('wholeRow')}</td>
            <td>{e.value ?? ''}</td>
            <td className="zd-bad">{e.reason}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
});

const Rows = observer(function Rows() {
  const p = s.preview!;
  const rows = s.filter === 'all' ? p.rows : p.rows.filter((r) => r.status === s.filter);
  return (
    <table className="zd-imp-table" data-testid="import-rows">
      <thead><tr><th>{tr('rowNo')}</th><th>{tr('status')}</th><th>{tr('name')}</th><th>{tr('detail')}</th></tr></thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.row} data-row={r.row} data-status={r.status} className={`zd-imp-${r.status}`}>
            <td>{r.row}</td>
            <td><span className={`zd-imp-tag zd-imp-tag-${r.status}`}>{statusLabel(r.status)}</span></td>
            <td>{r.name}</td>
            <td className={r.status === 'error' ? 'zd-bad' : ''}>{detail(r)}</td>
          </tr>
        ))}
        {rows.length === 0 && <tr><td colSpan={4} className="zd-imp-empty">{tr('noRows')}</td></tr>}
      </tbody>
    </table>
  );
});

export const PreviewStep = observer(function PreviewStep() {
  const p = s.preview!;
  return (
    <>
      <section className="zd-imp-panel">
        <Counts filterable />
        <p className="zd-imp-hint">
          {p.skippedRows > 0 && tr('skipped', { n: p.skippedRows })}
          {p.rowsTruncated && tr('truncated', { n: p.rows.length })}
        </p>
        <div className="zd-imp-scroll zd-imp-tall">
          {s.filter === 'error' && p.errors.length > 0 ? <Errors /> : <Rows />}
        </div>
      </section>
      <div className="zd-imp-nav">
        <button type="button" onClick={() => s.setStep(2)} disabled={!!s.busy}>{tr('back')}</button>
        <button type="button" className="primary" data-action="import-next" disabled={!!s.busy} onClick={() => void s.next()}>{tr('toImport')}</button>
      </div>
    </>
  );
});
