// The running job: what it does, a progress bar (indeterminate while the total is unknown) and 取消.
import { observer } from 'mobx-react-lite';
import { importStore as s } from './import-store';
import { tr } from './strings';

export const JobProgress = observer(function JobProgress() {
  const p = s.progress;
  const label = s.busy === 'read' ? tr('reading') : s.busy === 'commit' ? tr('committing') : tr('previewing');
  const count = p ? (p.total ? tr('progressOf', { done: p.done, total: p.total }) : tr('progressRows', { done: p.done })) : '';
  return (
    <div className="zd-imp-progress" data-testid="import-progress" role="status">
      <span>{label}</span>
      {p && p.total ? <progress max={p.total} value={Math.min(p.done, p.total)} /> : <progress />}
      <span className="zd-imp-count">{count}</span>
      {s.busy !== 'read' && (
        <button type="button" data-action="import-cancel" onClick={() => void s.cancel()}>{tr('cancel')}</button>
      )}
    </div>
  );
});
