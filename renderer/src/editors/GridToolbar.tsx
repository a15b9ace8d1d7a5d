// The grid's toolbar: add and delete rows (zones also "add park" under the focused zone), find/replace,
// the rule-check panel with its count, the detail panel switch for agencies, and loading progress.
import { observer } from 'mobx-react-lite';
import type { GridController } from '../grid/controller';
import { addPark } from '../grid/ops';
import { store } from '../stores/root-store';
import { editorStore } from './editor-store';
import { es } from './strings';

export const GridToolbar = observer(function GridToolbar({ gc }: { gc: GridController }) {
  const lang = store.lang;
  const errors = editorStore.findings.filter((f) => f.severity === 'error').length;
  const warnings = editorStore.findings.length - errors;
  const l = gc.loading;
  return (
    <div className="zd-toolbar" role="toolbar">
      <button data-action="add-row" onClick={() => gc.commands?.addRow()}>＋ {es(lang, 'addRow')}</button>
      {gc.table === 'zones' && !gc.compact && (
        <button data-action="add-park" onClick={() => void addPark(gc)}>＋ {es(lang, 'addPark')}</button>
      )}
      <button data-action="delete-rows" onClick={() => gc.commands?.deleteRows()}>－ {es(lang, 'deleteRows')}</button>
      <button data-action="find" title="Ctrl+F / Ctrl+H" onClick={() => gc.setFindOpen(gc.findOpen ? null : 'replace')}>{es(lang, 'findReplace')}</button>
      {!gc.compact && (
        <button data-action="rules" className={errors ? 'zd-has-errors' : ''} onClick={() => editorStore.setRulesOpen(!editorStore.rulesOpen)}>
          {es(lang, 'rulesButton')}
          {editorStore.findings.length > 0 && <span className="zd-badge" data-testid="rule-count">{errors ? `${errors}✕` : ''}{warnings ? ` ${warnings}!` : ''}</span>}
        </button>
      )}
      {gc.table === 'agencies' && !gc.compact && (
        <button data-action="detail" className={editorStore.detailOpen ? 'active' : ''} onClick={() => editorStore.setDetailOpen(!editorStore.detailOpen)}>
          {es(lang, 'detailTitle')}
        </button>
      )}
      {l && (
        <span className="zd-loading-rows" data-testid="loading-rows">
          {es(lang, 'loadingRows')} {l.loaded.toLocaleString()}{l.total ? ` / ${l.total.toLocaleString()}` : ''}
        </span>
      )}
    </div>
  );
});
