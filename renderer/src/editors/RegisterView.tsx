// A register table as a spreadsheet: toolbar, find bar, operation report, the grid, the status bar and,
// for agencies, the detail panel of the focused agency. The same view, compact, shows one agency's rows
// inside that panel.
import { useEffect, useMemo } from 'react';
import { observer } from 'mobx-react-lite';
import type { TableName } from '../../../shared/tables';
import { GridController } from '../grid/controller';
import { FindModel } from '../grid/find';
import { attachCommands } from '../grid/ops';
import { RegisterGrid } from '../grid/RegisterGrid';
import './editors.css';
import { store } from '../stores/root-store';
import { AgencyDetail } from './AgencyDetail';
import { editorStore } from './editor-store';
import { FindBar } from './FindBar';
import { GridToolbar } from './GridToolbar';
import { ReportBar } from './ReportBar';
import { RulesPanel } from './RulesPanel';
import { StatusBar } from './StatusBar';

interface Props {
  readonly table: TableName;
  readonly agencyId?: number;
  readonly compact?: boolean;
}

export const RegisterView = observer(function RegisterView({ table, agencyId, compact = false }: Props) {
  // Performance marks (zd-view-render, zd-grid-ready, zd-first-page, zd-rows-set) split the first-paint
  // time in the editors' benchmark and in the browser's performance panel.
  performance.mark('zd-view-render');
  const gc = useMemo(() => {
    const g = new GridController(table, agencyId, compact);
    attachCommands(g);
    return g;
  }, [table, agencyId, compact]);
  const find = useMemo(() => new FindModel(gc), [gc]);
  useEffect(() => editorStore.start(), []);
  const showDetail = table === 'agencies' && !compact && editorStore.detailOpen && editorStore.selectedAgencyId !== null;
  return (
    <div className={`zd-register${compact ? ' zd-compact' : ''}`} data-register={table} data-lang={store.lang}>
      <GridToolbar gc={gc} />
      {gc.findOpen && <FindBar gc={gc} find={find} />}
      {gc.report && <ReportBar gc={gc} />}
      <div className="zd-register-body">
        {/* The grid is remounted on a language switch: AG Grid reads its locale once. */}
        <RegisterGrid key={store.lang} gc={gc} />
        {showDetail && <AgencyDetail agencyId={editorStore.selectedAgencyId!} />}
        {!compact && editorStore.rulesOpen && <RulesPanel />}
      </div>
      <StatusBar gc={gc} />
    </div>
  );
});
