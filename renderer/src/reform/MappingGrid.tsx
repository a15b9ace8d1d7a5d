// The mapping table in an AG Grid: one row per source (or planned new agency), cells edited in place with
// selects showing labels, and paste of a block from Excel/WPS starting at the focused cell — read with the
// editors' clipboard parser, converted per column (labels, agency names), refused cells reported. Rows with
// an input problem (mapped twice, merge cycle …) are marked and say why.
import { useEffect, useMemo, useRef, useState } from 'react';
import { observer } from 'mobx-react-lite';
import { AgGridReact } from 'ag-grid-react';
import {
  AllCommunityModule, ModuleRegistry, themeQuartz, type CellEditRequestEvent, type ColDef, type GridApi, type ICellRendererParams,
} from 'ag-grid-community';
import { AG_GRID_LOCALE_CN, AG_GRID_LOCALE_EN } from '@ag-grid-community/locale';
import { ENUMS, enumLabel } from '../../../shared/enums';
import { MAPPING_ACTIONS, MAPPING_ACTION_ZH } from '../../../shared/reform/types';
import { styleNonce } from '../api';
import { readClipboard } from '../grid/clipboard';
import { store } from '../stores/root-store';
import { STEP_MAPPING, rowOfProblem, type MappingDraft } from './draft';
import { EDITABLE_COLS, convertPaste, setMappingField, targetOptions, targetValue, type MappingCol } from './mapping-edit';
import { ACTION_EN, rs } from './strings';
import { wizard } from './wizard-store';

ModuleRegistry.registerModules([AllCommunityModule]);
const theme = themeQuartz.withParams({ fontFamily: ['"Noto Sans CJK SC"', '"Microsoft YaHei"', 'sans-serif'], fontSize: 13, headerFontWeight: 600, spacing: 4 });

type GridRow = MappingDraft & { seqNo: number; problem: string | null };
export const DRAG_TYPE = 'application/x-zd-mapping';
const NEW = '__new';

function SourceCell(p: ICellRendererParams<GridRow>) {
  const d = p.data!;
  // Dragging a source from the table onto a target card on the right merges it (see DragBoard).
  return <span draggable={!wizard.readOnly} onDragStart={(e) => e.dataTransfer.setData(DRAG_TYPE, d.k)} title={d.problem ?? undefined}>{p.valueFormatted ?? p.value}</span>;
}

export const MappingGrid = observer(function MappingGrid({ onSelect }: { onSelect: (k: string | null) => void }) {
  const lang = store.lang;
  const reg = wizard.reg!;
  const d = wizard.draft;
  const box = useRef<HTMLDivElement>(null);
  const [api, setApi] = useState<GridApi<GridRow> | null>(null);
  const [report, setReport] = useState<string | null>(null);
  const problems = new Map<number, string>();
  for (const p of wizard.liveProblems(STEP_MAPPING)) {
    const at = rowOfProblem(p);
    if (at?.list === 'mappings' && !problems.has(at.index)) problems.set(at.index, p.message);
  }
  const rows: GridRow[] = d.mappings.map((m, i) => ({ ...m, staffing_transfer: m.staffing_transfer ? { ...m.staffing_transfer } : m.staffing_transfer, seqNo: i + 1, problem: problems.get(i) ?? null }));
  const targets = targetOptions(d, reg);
  const targetsKey = JSON.stringify(targets);
  const ro = wizard.readOnly;

  const columnDefs = useMemo((): ColDef<GridRow>[] => {
    const labels = (pairs: Array<[string, string]>) => Object.fromEntries(pairs);
    const enumRef = (name: 'zone_type' | 'rank') => labels(ENUMS[name].map((o) => [o.key, enumLabel(name, o.key, lang)]));
    const select = (ref: Record<string, string>): Partial<ColDef<GridRow>> => ({
      cellEditor: 'agSelectCellEditor', cellEditorParams: { values: ['', ...Object.keys(ref)], valueListMaxHeight: 320 }, refData: ref,
    });
    const editable = (col: MappingCol) => (p: { data?: GridRow }) => !ro && !!p.data && (p.data.action === 'create'
      ? !['source', 'action', 'target'].includes(col) : col !== 'new_region_code' && (col !== 'source' || p.data.source_agency_id == null));
    const sourceRef = labels(reg.mgmt.map((a) => [String(a.id), a.full_name]));
    const actionRef = labels(MAPPING_ACTIONS.map((a) => [a, lang === 'zh' ? MAPPING_ACTION_ZH[a] : ACTION_EN[a]]));
    return [
      { colId: 'seq', headerName: rs(lang, 'colSeq'), valueGetter: (p) => p.data?.seqNo, width: 64, pinned: 'left', editable: false },
      {
        colId: 'source', headerName: rs(lang, 'colSource'), pinned: 'left', width: 270, editable: editable('source'),
        // A planned new agency has no source: shown as "（新设）" through the same label map.
        valueGetter: (p) => (p.data?.action === 'create' ? NEW : p.data?.source_agency_id != null ? String(p.data.source_agency_id) : ''),
        cellRenderer: SourceCell, ...select(sourceRef), refData: { ...sourceRef, [NEW]: rs(lang, 'newAgency') },
        tooltipValueGetter: (p) => p.data?.problem ?? undefined,
      },
      { colId: 'county', headerName: rs(lang, 'colCounty'), width: 96, editable: false, valueGetter: (p) => reg.county(reg.agencyById.get(p.data?.source_agency_id ?? 0)?.host_region_code ?? p.data?.new_region_code) },
      { colId: 'group', headerName: rs(lang, 'colGroup'), width: 90, editable: false, valueGetter: (p) => enumLabel('type_group', reg.agencyById.get(p.data?.source_agency_id ?? 0)?.type_group ?? p.data?.new_group, lang) },
      { colId: 'action', headerName: rs(lang, 'colAction'), width: 110, editable: editable('action'), field: 'action', ...select(actionRef), cellEditorParams: { values: MAPPING_ACTIONS.filter((a) => a !== 'create') } },
      { colId: 'target', headerName: rs(lang, 'colTarget'), width: 250, editable: editable('target'), valueGetter: (p) => (p.data ? targetValue(p.data) : ''), ...select(labels(targets)) },
      { colId: 'new_name', headerName: rs(lang, 'colNewName'), width: 250, editable: editable('new_name'), field: 'new_name' },
      { colId: 'new_zone_type', headerName: rs(lang, 'colZoneType'), width: 140, editable: editable('new_zone_type'), field: 'new_zone_type', ...select(enumRef('zone_type')) },
      { colId: 'new_rank', headerName: rs(lang, 'colRank'), width: 100, editable: editable('new_rank'), field: 'new_rank', ...select(enumRef('rank')) },
      { colId: 'new_region_code', headerName: rs(lang, 'colRegion'), width: 110, editable: editable('new_region_code'), field: 'new_region_code', ...select(reg.countyNames) },
      { colId: 'basis_doc_no', headerName: rs(lang, 'colDocNo'), width: 170, editable: editable('basis_doc_no'), field: 'basis_doc_no' },
      { colId: 'note', headerName: rs(lang, 'colNote'), width: 260, editable: editable('note'), field: 'note' },
    ];
  }, [lang, reg, targetsKey, ro]);

  const onEdit = (e: CellEditRequestEvent<GridRow>) => {
    const col = e.colDef.colId as MappingCol;
    if (!EDITABLE_COLS.includes(col)) return;
    wizard.edit((dr) => {
      const m = dr.mappings.find((x) => x.k === e.data!.k);
      if (m) setMappingField(m, col, e.newValue == null ? null : String(e.newValue));
    });
  };

  useEffect(() => {
    const el = box.current;
    if (!el || !api) return;
    // Paste a block from the focused cell down and right, as in the register editors.
    const onPaste = (e: ClipboardEvent) => {
      if (ro || !e.clipboardData || api.getEditingCells().length) return;
      const focus = api.getFocusedCell();
      if (!focus) return;
      e.preventDefault();
      const matrix = readClipboard(e.clipboardData);
      const cols = api.getAllDisplayedColumns();
      const c0 = cols.findIndex((c) => c.getColId() === focus.column.getColId());
      const refused: string[] = [];
      let n = 0;
      wizard.edit((dr) => {
        matrix.forEach((line, r) => {
          const node = api.getDisplayedRowAtIndex(focus.rowIndex + r);
          const m = node?.data && dr.mappings.find((x) => x.k === node.data!.k);
          if (!m) return;
          line.forEach((text, c) => {
            const col = cols[c0 + c]?.getColId() as MappingCol | undefined;
            if (!col || !EDITABLE_COLS.includes(col)) return;
            const v = convertPaste(col, text, dr, reg);
            if (v.ok) { setMappingField(m, col, v.value); n++; } else refused.push(`第${focus.rowIndex + r + 1}行：${v.reason}`);
          });
        });
      });
      setReport(`${rs(lang, 'pasted')} ${n} ${rs(lang, 'cells')}${refused.length ? `；${rs(lang, 'pasteRefused')}：${refused.join('；')}` : ''}`);
    };
    el.addEventListener('paste', onPaste);
    return () => el.removeEventListener('paste', onPaste);
  }, [api, reg, lang, ro]);

  return (
    <div className="zd-rf-gridbox">
      {report && <div className="zd-rf-report" data-testid="mapping-report">{report}<button onClick={() => setReport(null)}>×</button></div>}
      <div ref={box} className="zd-grid zd-rf-grid" data-testid="mapping-grid">
        <AgGridReact<GridRow>
          theme={theme} localeText={lang === 'zh' ? AG_GRID_LOCALE_CN : AG_GRID_LOCALE_EN} styleNonce={styleNonce()}
          rowData={rows} columnDefs={columnDefs} getRowId={(p) => p.data.k} readOnlyEdit onCellEditRequest={onEdit}
          rowClassRules={{ 'zd-rf-row-error': (p) => !!p.data?.problem }} tooltipShowDelay={300}
          onGridReady={(e) => setApi(e.api)} onCellFocused={(e) => onSelect(e.rowIndex != null ? e.api.getDisplayedRowAtIndex(e.rowIndex)?.data?.k ?? null : null)}
          defaultColDef={{ resizable: true, sortable: false }}
        />
      </div>
    </div>
  );
});
