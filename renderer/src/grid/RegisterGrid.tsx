// One register table in an AG Grid: plain row objects, getRowId, readOnlyEdit. An edit becomes a
// contract call; the returned row images are applied with a grid transaction. AG Grid's own undo is off:
// Ctrl+Z / Ctrl+Y go to the app's persistent history instead. The spreadsheet behaviour lives in the
// GridController; this component wires AG Grid's events and the stores' reactions to it.
import { useEffect, useMemo, useRef } from 'react';
import { observer } from 'mobx-react-lite';
import { reaction } from 'mobx';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type CellEditRequestEvent, type GridReadyEvent } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { TABLE_NAMES, type Row, type TableName } from '../../../shared/tables';
import { call, styleNonce } from '../api';
import { store } from '../stores/root-store';
import { editorStore } from '../editors/editor-store';
import { buildColumnDefs } from './columns';
import type { GridController } from './controller';
import { makeConverter } from './convert-cell';
import { applyChange, loadRows, prefetchFirstPage, type LoadScope } from './loader';
import { commit } from './ops';
import { hasTotals, keepParksUnderZones, updateTotals } from './totals';

ModuleRegistry.registerModules([AllCommunityModule]);

// The first rows of the view the app opens on are asked for while the app is still starting.
if (TABLE_NAMES.includes(store.view as TableName)) prefetchFirstPage(store.view as TableName);

const theme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontWeight: 600, spacing: 5 });

export const RegisterGrid = observer(function RegisterGrid({ gc }: { gc: GridController }) {
  const lang = store.lang;
  const table = gc.table;
  const box = useRef<HTMLDivElement>(null);
  const scope: LoadScope = { table, agencyId: gc.agencyId, asOf: store.asOf };
  const scopeRef = useRef(scope);
  scopeRef.current = scope;
  const generation = useRef(0);
  // Column definitions read names and marks at render time; reactions below refresh the cells instead of
  // rebuilding the columns (which would reset filters and widths).
  const columnDefs = useMemo(() => buildColumnDefs(table, store, lang, gc, gc.compact), [table, lang, gc]);

  function load() {
    const api = gc.api;
    if (!api) return;
    const gen = ++generation.current;
    gc.setLoading({ loaded: 0, total: null });
    loadRows(api, scopeRef.current, (loaded, total, done) => {
      gc.setLoading(done ? null : { loaded, total });
      if (done) editorStore.initialCheck();
      consumeFocus();
    }, () => gen === generation.current).catch((e) => {
      gc.setLoading(null);
      store.showError(e);
    });
  }

  function consumeFocus() {
    const req = editorStore.focusRequest;
    if (!req || req.table !== table || gc.compact) return;
    if (gc.focusRow(req.id, req.field)) editorStore.clearFocusRequest(req.seq);
  }

  useEffect(() => {
    if (gc.api) load();
  }, [store.dataVersion, store.asOf]);

  useEffect(() => {
    const el = box.current!;
    const key = (e: KeyboardEvent) => gc.onKeyDown(e);
    el.addEventListener('keydown', key, true);
    el.addEventListener('mousedown', gc.onMouseDown);
    el.addEventListener('mouseover', gc.onMouseOver);
    el.addEventListener('copy', gc.onCopy);
    el.addEventListener('paste', gc.onPaste);
    const disposers = [
      store.onChange((change) => gc.api && applyChange(gc.api, scopeRef.current, change)),
      reaction(() => editorStore.marksVersion, () => gc.queueRefresh()),
      reaction(() => [store.agencyNames, store.zoneNames, store.regionNames, editorStore.nameplates], () => gc.api?.refreshCells({ force: true, suppressFlash: true })),
      reaction(() => editorStore.focusRequest, () => consumeFocus()),
    ];
    return () => {
      el.removeEventListener('keydown', key, true);
      el.removeEventListener('mousedown', gc.onMouseDown);
      el.removeEventListener('mouseover', gc.onMouseOver);
      el.removeEventListener('copy', gc.onCopy);
      el.removeEventListener('paste', gc.onPaste);
      disposers.forEach((d) => d());
      generation.current++;
      gc.detach();
    };
  }, [gc]);

  // A typed edit: converted like a paste; refused with the reason, or written with the server's own label
  // ("修改管理机构“…”的规范简称"), one history group.
  async function onCellEditRequest(e: CellEditRequestEvent<Row>) {
    const field = e.colDef.colId ?? e.colDef.field!;
    const res = makeConverter(table).convert(field, e.newValue == null ? '' : String(e.newValue));
    if (!res.ok) {
      await commit(gc, 'reportEdit', [], [], [{ row: (e.rowIndex ?? 0) + 1, column: e.colDef.headerName ?? field, reason: res.reason, id: e.data.id, field }]);
      return;
    }
    try {
      const change = await call(`${table}.update`, { edits: [{ id: e.data.id, field, value: res.value }] });
      store.setStatus(change.label);
      store.publish(change);
    } catch (err) {
      store.showError(err);
    }
  }

  function onReady(e: GridReadyEvent<Row>) {
    performance.mark('zd-grid-ready');
    gc.attach(e.api);
    load();
  }

  const agencyFocus = table === 'agencies' && !gc.compact;
  return (
    <div className="zd-grid" data-table={table} data-compact={gc.compact ? '1' : undefined} ref={box}>
      <AgGridReact<Row>
        theme={theme}
        styleNonce={styleNonce()}
        columnDefs={columnDefs}
        // Types are ours (shared/tables.ts): AG Grid's inferred data types would parse input before we see it.
        defaultColDef={{ resizable: true, sortable: true, minWidth: 80, width: 150, cellDataType: false }}
        getRowId={(p) => (p.rowPinned ? `pinned-${p.rowPinned}` : String(p.data.id))}
        readOnlyEdit
        undoRedoCellEditing={false}
        onCellEditRequest={onCellEditRequest}
        localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN}
        onGridReady={onReady}
        onCellFocused={(e) => {
          gc.onCellFocused(e);
          if (agencyFocus && e.rowIndex != null && !e.rowPinned) {
            const id = e.api.getDisplayedRowAtIndex(e.rowIndex)?.data?.id;
            if (id) editorStore.selectAgency(id);
          }
        }}
        onDisplayedColumnsChanged={() => gc.refreshColumns()}
        onModelUpdated={(e) => {
          gc.refreshColumns();
          if (hasTotals(table)) updateTotals(e.api, table, lang);
          gc.updateFigures();
          e.api.refreshCells({ columns: ['zd_rownum'], suppressFlash: true });
        }}
        postSortRows={table === 'zones' ? keepParksUnderZones : undefined}
        enableBrowserTooltips
        stopEditingWhenCellsLoseFocus
        enterNavigatesVerticallyAfterEdit
        animateRows={false}
        suppressDragLeaveHidesColumns
      />
    </div>
  );
});
