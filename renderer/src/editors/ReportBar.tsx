// What the last paste / fill / clear / replace did: how many cells were written, which were refused (row,
// column, reason in Chinese). Closing it also removes the refusal marks from the cells.
import { observer } from 'mobx-react-lite';
import type { GridController } from '../grid/controller';
import { store } from '../stores/root-store';
import { editorStore } from './editor-store';
import { es } from './strings';

export const ReportBar = observer(function ReportBar({ gc }: { gc: GridController }) {
  const r = gc.report!;
  return (
    <div className={`zd-report ${r.ok ? 'zd-report-ok' : 'zd-report-refused'}`} role="status" data-testid="op-report">
      <span data-testid="op-report-text">{r.text}</span>
      <button
        onClick={() => {
          gc.setReport(null);
          editorStore.clearRefused(gc.table);
        }}
      >
        {es(store.lang, 'close')}
      </button>
    </div>
  );
});
