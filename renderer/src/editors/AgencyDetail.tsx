// Everything about the focused agency in one place: its fields and the rules it breaks, its nameplates,
// departments, staffing, leadership posts, functions, dispatched units and zones (each an editable
// compact grid), and its lineage (历史沿革).
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import { TABLES, type Row, type TableName } from '../../../shared/tables';
import { call } from '../api';
import { displayValue } from '../grid/columns';
import { store } from '../stores/root-store';
import { AgencyHistory } from './AgencyHistory';
import { editorStore } from './editor-store';
import { FindingItem } from './FindingItem';
import { RegisterView } from './RegisterView';
import { es } from './strings';

type Tab = 'overview' | 'history' | TableName;
const CHILD_TABS: TableName[] = ['nameplates', 'departments', 'staffing', 'leader_posts', 'functions', 'dispatched_units', 'zones'];

function useAgencyRow(id: number): Row | null {
  const [row, setRow] = useState<Row | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => call('editors.page', { table: 'agencies', agencyId: id, limit: 1, ...(store.asOf ? { asOf: store.asOf } : {}) })
      .then((p) => live && setRow(p.rows[0] ? (Object.fromEntries(p.columns.map((c, i) => [c, p.rows[0][i]])) as Row) : null), (e) => store.showError(e));
    void load();
    const off = store.onChange((c) => {
      if (c.changes.some((x) => x.table === 'agencies' && x.id === id)) void load();
    });
    return () => {
      live = false;
      off();
    };
  }, [id, store.asOf, store.dataVersion]);
  return row;
}

export const AgencyDetail = observer(function AgencyDetail({ agencyId }: { agencyId: number }) {
  const lang = store.lang;
  const [tab, setTab] = useState<Tab>('overview');
  const row = useAgencyRow(agencyId);
  const findings = editorStore.agencyFindings(agencyId);
  const label = (t: Tab) => (t === 'overview' ? es(lang, 'tabOverview') : t === 'history' ? es(lang, 'tabHistory')
    : t === 'zones' ? es(lang, 'tabZones') : lang === 'zh' ? TABLES[t].zh : TABLES[t].en);
  return (
    <aside className="zd-side zd-detail" data-testid="agency-detail" data-agency={agencyId}>
      <header>
        <h2>{row ? String(row.full_name) : '…'}</h2>
        <button onClick={() => editorStore.setDetailOpen(false)}>{es(lang, 'close')}</button>
      </header>
      <nav className="zd-tabs">
        {(['overview', ...CHILD_TABS, 'history'] as Tab[]).map((t) => (
          <button key={t} className={tab === t ? 'active' : ''} data-tab={t} onClick={() => setTab(t)}>{label(t)}</button>
        ))}
      </nav>
      <div className="zd-detail-body">
        {tab === 'overview' && (
          <>
            {findings.length > 0 && (
              <section>
                <h3>{es(lang, 'tabRules')}（{findings.length}）</h3>
                <ul className="zd-findings">{findings.map((f) => <FindingItem key={f.key} f={f} />)}</ul>
              </section>
            )}
            {row && (
              <dl className="zd-fields">
                {TABLES.agencies.columns.map((col) => (
                  <div key={col.key} data-field={col.key}>
                    <dt>{lang === 'zh' ? col.zh : col.en}</dt>
                    <dd>{displayValue(col, row[col.key], store, lang) || '—'}</dd>
                  </div>
                ))}
              </dl>
            )}
          </>
        )}
        {tab === 'history' && <AgencyHistory agencyId={agencyId} />}
        {CHILD_TABS.includes(tab as TableName) && <RegisterView key={`${tab}-${agencyId}`} table={tab as TableName} agencyId={agencyId} compact />}
      </div>
    </aside>
  );
});
