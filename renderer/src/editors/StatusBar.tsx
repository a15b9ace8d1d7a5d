// The grid's status bar, as in Excel: size of the selection, count of non-empty cells and the sum of the
// numbers in it.
import { observer } from 'mobx-react-lite';
import type { GridController } from '../grid/controller';
import { store } from '../stores/root-store';
import { es } from './strings';

export const StatusBar = observer(function StatusBar({ gc }: { gc: GridController }) {
  const lang = store.lang;
  const f = gc.figures;
  return (
    <div className="zd-gridstatus" data-testid="grid-status">
      {f && (
        <>
          <span data-testid="sel-size">{es(lang, 'selected')} {f.rows} × {f.cols}</span>
          <span data-testid="sel-count">{es(lang, 'count')}：{f.count}</span>
          {f.sum !== null && <span data-testid="sel-sum">{es(lang, 'sum')}：{Number(f.sum.toFixed(6)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB')}</span>}
        </>
      )}
    </div>
  );
});
