// AG Grid column definitions derived from the table metadata in shared/tables.ts: each column typed,
// enums shown by their Chinese (or English) label, references shown by name, Chinese text sorted in
// pinyin order.
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import { ENUMS, enumLabel } from '../../../shared/enums';
import { compareZh } from '../../../shared/text';
import { TABLES, type ColumnDef, type Row, type TableName } from '../../../shared/tables';
import type { Lang } from '../i18n';
import type { RootStore } from '../stores/root-store';

export function displayValue(col: ColumnDef, value: unknown, store: RootStore, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '';
  switch (col.type) {
    case 'enum': return enumLabel(col.enum!, String(value), lang);
    case 'bool': return value ? (lang === 'zh' ? '是' : 'Yes') : (lang === 'zh' ? '否' : 'No');
    case 'region': return store.regionNames.get(String(value)) ?? String(value);
    case 'ref': {
      const id = Number(value);
      const name = col.ref === 'zones' ? store.zoneNames.get(id) : store.agencyNames.get(id);
      return name ?? `#${id}`;
    }
    default: return String(value);
  }
}

export function buildColumnDefs(table: TableName, store: RootStore, lang: Lang): ColDef<Row>[] {
  const def = TABLES[table];
  return def.columns.map((col): ColDef<Row> => {
    const isName = col.key === def.nameColumn;
    const base: ColDef<Row> = {
      colId: col.key,
      field: col.key,
      headerName: lang === 'zh' ? col.zh : col.en,
      editable: !col.readOnly,
      pinned: isName ? 'left' : undefined,
      lockPinned: isName,
      minWidth: isName ? 220 : 90,
      width: isName ? 300 : undefined,
      filter: col.type === 'int' || col.type === 'real' ? 'agNumberColumnFilter' : col.type === 'date' ? 'agDateColumnFilter' : 'agTextColumnFilter',
      valueFormatter: (p: ValueFormatterParams<Row>) => displayValue(col, p.value, store, lang),
      filterValueGetter: (p) => displayValue(col, p.data?.[col.key], store, lang),
      cellClassRules: {
        'zd-illustrative': (p) => col.key === def.nameColumn && p.data?.verification === 'illustrative',
      },
    };
    if (col.type === 'text' || col.type === 'enum' || col.type === 'ref' || col.type === 'region') {
      base.comparator = (a, b) => compareZh(displayValue(col, a, store, lang), displayValue(col, b, store, lang));
    }
    if (col.type === 'enum') {
      base.cellEditor = 'agSelectCellEditor';
      base.cellEditorParams = { values: ['', ...ENUMS[col.enum!].map((o) => o.key)], valueListMaxHeight: 300 };
    } else if (col.type === 'bool') {
      base.cellEditor = 'agSelectCellEditor';
      base.cellEditorParams = { values: [1, 0] };
    } else if (col.type === 'int' || col.type === 'real') {
      base.cellEditor = 'agTextCellEditor';
      base.type = 'rightAligned';
    } else if (col.type === 'text' && (col.maxLength ?? 0) > 500) {
      base.cellEditor = 'agLargeTextCellEditor';
      base.cellEditorPopup = true;
    }
    return base;
  });
}
