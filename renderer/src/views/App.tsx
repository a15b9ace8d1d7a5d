// The application shell: navigation, undo/redo wired to the persistent history, the current view.
import { useEffect } from 'react';
import { observer } from 'mobx-react-lite';
import { TABLES } from '../../../shared/tables';
import { t, type StringKey } from '../i18n';
import { store, type ViewKey } from '../stores/root-store';
import { RegisterView } from '../editors/RegisterView';
import { EditorOverlays } from '../editors/EditorOverlays';
import { HistoryView } from './HistoryView';
import { SettingsView } from './SettingsView';
import { ReformsView } from '../reform/ReformsView';
import { ImportWizard } from '../import/ImportWizard';
import { SafetyView } from '../safety/SafetyView';
import { ExportView } from '../export/ExportView';

const NAV: Array<[ViewKey, StringKey]> = [
  ['zones', 'navZones'], ['agencies', 'navAgencies'], ['departments', 'navDepartments'], ['staffing', 'navStaffing'],
  ['leader_posts', 'navPosts'], ['nameplates', 'navNameplates'], ['functions', 'navFunctions'], ['dispatched_units', 'navDispatched'],
  ['indicators', 'navIndicators'], ['reforms', 'navReforms'], ['export', 'navExport'], ['import', 'navImport'], ['history', 'navHistory'], ['safety', 'navSafety'], ['settings', 'navSettings'],
];

/** Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) outside text inputs: the app's history, surviving sort and restart. */
function useUndoKeys() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const target = e.target as HTMLElement | null;
      if (target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void store.undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void store.redo();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}

const MainView = observer(function MainView() {
  const v = store.view;
  if (v === 'history') return <HistoryView />;
  if (v === 'settings') return <SettingsView />;
  if (v === 'import') return <ImportWizard />;
  if (v === 'safety') return <SafetyView />;
  if (v === 'reforms') return <ReformsView />;
  if (v === 'export') return <ExportView />;
  return <RegisterView key={v} table={v} />;
});

export const App = observer(function App() {
  useUndoKeys();
  const lang = store.lang;
  const h = store.history;
  return (
    <div className="zd-app">
      <header className="zd-header">
        <h1>{t(lang, 'appTitle')}</h1>
        <nav>
          {NAV.map(([key, label]) => (
            <button key={key} className={store.view === key ? 'active' : ''} onClick={() => store.setView(key)} data-nav={key}>
              {t(lang, label)}
            </button>
          ))}
        </nav>
        <label className="zd-asof" title={t(lang, 'asOfHint')}>
          {t(lang, 'asOf')}
          <input type="date" data-action="as-of" value={store.asOf ?? ''} onChange={(e) => store.setAsOf(e.target.value || null)} />
        </label>
        <div className="zd-actions">
          <button data-action="undo" disabled={!h.canUndo} title={h.undoLabel ?? t(lang, 'nothingToUndo')} onClick={() => void store.undo()}>
            ↶ {t(lang, 'undo')}
          </button>
          <button data-action="redo" disabled={!h.canRedo} title={h.redoLabel ?? t(lang, 'nothingToRedo')} onClick={() => void store.redo()}>
            ↷ {t(lang, 'redo')}
          </button>
          <button data-action="lang" onClick={() => store.setLang(lang === 'zh' ? 'en' : 'zh')}>{t(lang, 'language')}</button>
        </div>
      </header>
      {store.error && (
        <div className="zd-error" role="alert">
          <strong>{t(lang, 'errorTitle')}：</strong>{store.error}
          <button onClick={() => store.clearError()}>{t(lang, 'close')}</button>
        </div>
      )}
      <main className="zd-main">
        {TABLES[store.view as keyof typeof TABLES] && <p className="zd-note">{t(lang, 'illustrativeNote')}</p>}
        <MainView />
      </main>
      <footer className="zd-status" data-testid="status">{store.status ?? ''}</footer>
      <EditorOverlays />
    </div>
  );
});
