// Step 1: the table to import into and the file (read in the page as base64; Electron works the same way).
import { observer } from 'mobx-react-lite';
import { IMPORT_TABLES, type ImportTable } from '../../../shared/contract/import';
import { TABLES } from '../../../shared/tables';
import { store } from '../stores/root-store';
import { importStore as s } from './import-store';
import { sizeText, tr } from './strings';

export const FileStep = observer(function FileStep() {
  const zh = store.lang === 'zh';
  return (
    <section className="zd-imp-panel">
      <fieldset className="zd-imp-tables">
        <legend>{tr('targetTable')}</legend>
        {IMPORT_TABLES.map((t) => (
          <label key={t} className={s.table === t ? 'checked' : ''}>
            <input type="radio" name="import-table" value={t} checked={s.table === t} disabled={!!s.busy}
              onChange={() => s.setTable(t as ImportTable)} />
            {zh ? TABLES[t].zh : TABLES[t].en}
          </label>
        ))}
      </fieldset>
      <div className="zd-imp-file">
        <span>{tr('file')}</span>
        <label className={`zd-imp-pick${s.busy ? ' disabled' : ''}`}>
          {tr('chooseFile')}
          <input type="file" data-testid="import-file" accept=".xlsx,.xlsm,.xls,.et,.csv,.txt" disabled={!!s.busy}
            onChange={(e) => { void s.chooseFile(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        {s.file && <span className="zd-imp-chosen" data-testid="import-chosen">{tr('fileChosen', { name: s.file.name, size: sizeText(s.file.size) })}</span>}
      </div>
      <p className="zd-imp-hint">{tr('fileHint')}</p>
      <div className="zd-imp-nav">
        <button type="button" className="primary" data-action="import-next" disabled={!s.file || !!s.busy} onClick={() => void s.next()}>
          {tr('next')}
        </button>
      </div>
    </section>
  );
});
