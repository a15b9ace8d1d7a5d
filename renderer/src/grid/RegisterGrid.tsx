// One register table in an AG Grid: plain row objects, getRowId, readOnlyEdit. An edit becomes a
// contract call; the returned row images are applied with a grid transaction. AG Grid's own undo is off:
// Ctrl+Z / Ctrl+Y go to the app's persistent history instead.
import { useEffect, useMemo, useRef, useState } from 'react';
import { observer } from 'mobx-react-lite';
import { AgGridReact } from 'ag-grid-react';
import { AllCommunityModule, ModuleRegistry, themeQuartz, type CellEditRequestEvent, type GridApi } from 'ag-grid-community';
import { AG_GRID_LOCALE_CN } from '@ag-grid-community/locale';
import type { ChangeResult } from '../../../shared/contract';
import { convertInput, regionIndex, type Lookups } from '../../../shared/convert';
import { checkCellValue } from '../../../shared/values';
import { TABLES, columnOf, type Row, type TableName } from '../../../shared/tables';
import { call, styleNonce } from '../api';
import { t } from '../i18n';
import { store } from '../stores/root-store';
import { buildColumnDefs } from './columns';

ModuleRegistry.registerModules([AllCommunityModule]);

const theme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontWeight: 600, spacing: 5 });

export function makeLookups(): Lookups {
  const region = regionIndex(store.regions);
  return {
    regionByName: region,
    refByName: (table, text) => {
      const names = table === 'zones' ? store.zoneNames : store.agencyNames;
      for (const [id, name] of names) if (name === text) return id;
      return null;
    },
  };
}

export const RegisterGrid = observer(function RegisterGrid({ table, agencyId }: { table: TableName; agencyId?: number }) {
  const apiRef = useRef<GridApi<Row> | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const lang = store.lang;
  const columnDefs = useMemo(
    () => buildColumnDefs(table, store, lang),
    // Names of references change when agencies or zones are renamed.
    [table, lang, store.agencyNames, store.zoneNames, store.regionNames],
  );

  useEffect(() => {
    let live = true;
    setRows(null);
    call(`${table}.list`, { ...(agencyId ? { agencyId } : {}), ...(store.asOf ? { asOf: store.asOf } : {}) }).then((r) => live && setRows(r), (e) => store.showError(e));
    return () => {
      live = false;
    };
  }, [table, agencyId, store.dataVersion]);

  // Apply every change that touches this table, whoever made it (this grid, undo, redo, another view).
  useEffect(() => store.onChange((change: ChangeResult) => {
    const api = apiRef.current;
    if (!api) return;
    const add: Row[] = [], update: Row[] = [], remove: Row[] = [];
    for (const c of change.changes) {
      if (c.table !== table) continue;
      if (c.after && agencyId && TABLES[table].agencyColumn && c.after[TABLES[table].agencyColumn!] !== agencyId) continue;
      if (c.after && api.getRowNode(String(c.id))) update.push(c.after);
      else if (c.after) add.push(c.after);
      else if (c.before) remove.push(c.before);
    }
    if (add.length || update.length || remove.length) api.applyTransaction({ add, update, remove });
  }), [table, agencyId]);

  async function onCellEditRequest(e: CellEditRequestEvent<Row>) {
    const field = e.colDef.field!;
    const col = columnOf(table, field)!;
    const converted = convertInput(col, e.newValue, makeLookups());
    const checked = converted.ok ? checkCellValue(col, converted.value) : converted;
    if (!checked.ok) {
      store.showError(`第${(e.rowIndex ?? 0) + 1}行“${col.zh}”：${checked.reason}`);
      return;
    }
    try {
      const change = await call(`${table}.update`, { edits: [{ id: e.data.id, field, value: checked.value }] });
      store.setStatus(change.label);
      store.publish(change);
    } catch (err) {
      store.showError(err);
    }
  }

  if (!rows) return <div className="zd-loading">{t(lang, 'loading')}</div>;
  return (
    <div className="zd-grid" data-table={table}>
      <AgGridReact<Row>
        theme={theme}
        styleNonce={styleNonce()}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={{ resizable: true, sortable: true, filter: true, floatingFilter: true, minWidth: 90 }}
        getRowId={(p) => String(p.data.id)}
        readOnlyEdit
        undoRedoCellEditing={false}
        onCellEditRequest={onCellEditRequest}
        localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : undefined}
        onGridReady={(p) => (apiRef.current = p.api)}
        stopEditingWhenCellsLoseFocus
        enterNavigatesVerticallyAfterEdit
        animateRows={false}
      />
    </div>
  );
});
