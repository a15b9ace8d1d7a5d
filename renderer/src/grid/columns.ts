// AG Grid column definitions derived from the table metadata in shared/tables.ts: each column typed,
// enums shown by their Chinese (or English) label, references shown by name, Chinese text sorted in
// pinyin order, the name column frozen left after a row-number column. Cell classes carry the range
// selection, find hits, refused cells and live rule marks; the tooltip says why a cell is marked.
import type { ColDef, ICellRendererParams, IRowNode, ValueFormatterParams } from 'ag-grid-community';
import { ENUMS, enumLabel } from '../../../shared/enums';
import { compareZh } from '../../../shared/text';
import { TABLES, type ColumnDef, type Row, type TableName } from '../../../shared/tables';
import type { Lang } from '../i18n';
import type { RootStore } from '../stores/root-store';
import { editorStore } from '../editors/editor-store';
import { es } from '../editors/strings';
import { SetFilter } from './SetFilter';

export const ROWNUM_COL = 'zd_rownum';
export const NAMEPLATES_COL = 'zd_nameplates';
export const RULES_COL = 'zd_rules';

/** What the grid needs from its controller to decide a cell's classes. */
export interface CellMarks {
  isSelected(rowIndex: number, colId: string): boolean;
  isFindHit(rowId: number, colId: string): boolean;
}

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

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

function markRules(table: TableName, colId: string, marks: CellMarks): ColDef<Row>['cellClassRules'] {
  const real = (n: IRowNode<Row> | null | undefined) => !!n && !n.rowPinned && n.data !== undefined;
  const worst = (n: IRowNode<Row>) => {
    const list = editorStore.cellFindings(table, n.data!.id, colId);
    if (!list?.length) return null;
    return list.reduce((a, f) => (SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[a] ? f.severity : a), 'info' as keyof typeof SEVERITY_ORDER);
  };
  return {
    'zd-sel': (p) => real(p.node) && marks.isSelected(p.node.rowIndex ?? -1, colId),
    'zd-find-hit': (p) => real(p.node) && marks.isFindHit(p.data!.id, colId),
    'zd-refused': (p) => real(p.node) && !!editorStore.refusedReason(table, p.data!.id, colId),
    'zd-rule-error': (p) => real(p.node) && worst(p.node) === 'error',
    'zd-rule-warning': (p) => real(p.node) && worst(p.node) === 'warning',
  };
}

/** The tooltip of a marked cell: why a paste refused it, which rules it breaks and where they come from. */
function markTooltip(table: TableName, colId: string, lang: Lang) {
  return (p: { node?: IRowNode<Row> | null; data?: Row }) => {
    if (!p.data || p.node?.rowPinned) return undefined;
    const parts: string[] = [];
    const refused = editorStore.refusedReason(table, p.data.id, colId);
    if (refused) parts.push(refused);
    for (const f of editorStore.cellFindings(table, p.data.id, colId) ?? []) {
      parts.push(`【${f.rule}·${es(lang, f.severity === 'error' ? 'sevError' : f.severity === 'warning' ? 'sevWarning' : 'sevInfo')}】${f.message}（${es(lang, 'ruleSource')}：${f.source}）`);
    }
    return parts.length ? parts.join('\n') : undefined;
  };
}

function rowNumberColumn(marks: CellMarks, lang: Lang): ColDef<Row> {
  return {
    colId: ROWNUM_COL, headerName: es(lang, 'rowNumber'), pinned: 'left', lockPinned: true, lockPosition: 'left', width: 58, minWidth: 44, maxWidth: 80,
    sortable: false, filter: false, resizable: false, editable: false, suppressMovable: true, suppressNavigable: true,
    valueGetter: (p) => (p.node?.rowPinned ? '' : (p.node?.rowIndex ?? 0) + 1),
    cellClass: 'zd-rownum',
    cellClassRules: { 'zd-rownum-sel': (p) => !p.node.rowPinned && marks.isSelected(p.node.rowIndex ?? -1, '*') },
  };
}

/** Columns the agencies grid adds: its nameplates, and the rules it breaks. */
function agencyExtras(lang: Lang, marks: CellMarks): ColDef<Row>[] {
  const text = (p: { data?: Row }) => {
    if (!p.data || p.data.id < 0) return '';
    const list = editorStore.agencyFindings(p.data.id);
    return [...new Set(list.map((f) => f.rule))].join(' ');
  };
  return [
    {
      colId: NAMEPLATES_COL, headerName: es(lang, 'nameplatesCol'), editable: false, width: 300, minWidth: 120,
      valueGetter: (p) => (p.data && p.data.id > 0 ? editorStore.nameplates.get(p.data.id) ?? '' : ''),
      comparator: (a, b) => compareZh(a, b), filter: SetFilter, filterValueGetter: (p) => (p.data ? editorStore.nameplates.get(p.data.id) ?? '' : ''),
      cellClassRules: markRules('agencies', NAMEPLATES_COL, marks),
    },
    {
      colId: RULES_COL, headerName: es(lang, 'rulesCol'), editable: false, width: 130, minWidth: 90,
      valueGetter: text, filter: SetFilter, filterValueGetter: text,
      cellRenderer: (p: ICellRendererParams<Row>) => p.value,
      cellClassRules: {
        ...markRules('agencies', RULES_COL, marks),
        'zd-rules-error': (p) => !!p.data && p.data.id > 0 && editorStore.agencyFindings(p.data.id).some((f) => f.severity === 'error'),
        'zd-rules-warning': (p) => !!p.data && p.data.id > 0 && editorStore.agencyFindings(p.data.id).every((f) => f.severity !== 'error') && editorStore.agencyFindings(p.data.id).length > 0,
      },
      tooltipValueGetter: (p) => (p.data && p.data.id > 0 ? editorStore.agencyFindings(p.data.id).map((f) => `${f.rule} ${f.message}`).join('\n') || undefined : undefined),
    },
  ];
}

/** In the detail panel's grids every row belongs to the one agency: its column would only repeat its name. */
function ownerColumn(table: TableName): string | undefined {
  return table === 'zones' ? 'management_agency_id' : TABLES[table].agencyColumn;
}

export function buildColumnDefs(table: TableName, store: RootStore, lang: Lang, marks: CellMarks, compact = false): ColDef<Row>[] {
  const def = TABLES[table];
  const cols = def.columns.map((col): ColDef<Row> => {
    const isName = col.key === def.nameColumn;
    const nameWidth = compact ? 170 : 280;
    const base: ColDef<Row> = {
      colId: col.key,
      field: col.key,
      headerName: lang === 'zh' ? col.zh : col.en,
      editable: (p) => !col.readOnly && !p.node.rowPinned,
      pinned: isName ? 'left' : undefined,
      lockPinned: isName,
      minWidth: isName ? 140 : 90,
      width: isName ? nameWidth : undefined,
      hide: compact && col.key === ownerColumn(table),
      filter: SetFilter,
      // Pinned (totals) rows carry their label as text; other rows are formatted by column type.
      valueFormatter: (p: ValueFormatterParams<Row>) => (p.node?.rowPinned ? (p.value == null ? '' : String(p.value)) : displayValue(col, p.value, store, lang)),
      filterValueGetter: (p) => displayValue(col, p.data?.[col.key], store, lang),
      cellClassRules: {
        ...markRules(table, col.key, marks),
        'zd-illustrative': (p) => isName && p.data?.verification === 'illustrative',
        'zd-park': (p) => isName && table === 'zones' && p.data?.parent_zone_id != null,
        'zd-readonly': () => !!col.readOnly,
      },
      tooltipValueGetter: markTooltip(table, col.key, lang),
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
    } else if (col.type === 'ref' || col.type === 'region') {
      // Edit the name the cell shows, not the id or code behind it; the converter maps it back.
      base.cellEditor = 'agTextCellEditor';
      base.cellEditorParams = { useFormatter: true };
    } else if (col.type === 'text' && (col.maxLength ?? 0) > 500) {
      base.cellEditor = 'agLargeTextCellEditor';
      base.cellEditorPopup = true;
    }
    return base;
  });
  const extras = table === 'agencies' ? agencyExtras(lang, marks) : [];
  const nameAt = cols.findIndex((c) => c.colId === def.nameColumn);
  cols.splice(nameAt + 1, 0, ...extras);
  return [rowNumberColumn(marks, lang), ...cols];
}
