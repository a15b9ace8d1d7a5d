// Step 2: which row is the header (the file's first rows, click another to change it), which field each
// column goes to (guessed or remembered by the backend, editable), the key fields, and empty-cell policy.
import { observer } from 'mobx-react-lite';
import { store } from '../stores/root-store';
import { importStore as s } from './import-store';
import { tr } from './strings';

const HeaderRows = observer(function HeaderRows() {
  const p = s.preview!;
  const width = Math.max(p.headers.length, ...p.firstRows.map((r) => r.cells.length));
  const letters = p.headers.map((h) => h.letter).concat(Array.from({ length: Math.max(0, width - p.headers.length) }, () => ''));
  // After a failed re-read the old preview stays; the rows still show what the user asked for.
  const chosen = s.headerRow ?? p.headerRow;
  const [top, bottom] = chosen === p.headerRow ? [p.headerRow, p.headerRowEnd] : [chosen, chosen];
  const span = bottom > top ? tr('headerSpan', { from: top, to: bottom }) : '';
  return (
    <section className="zd-imp-panel">
      <h3>{tr('headerSection')}</h3>
      <p className="zd-imp-hint">
        {[p.sheet && tr('sheetInfo', { sheet: p.sheet }), p.encoding && tr('encodingInfo', { enc: p.encoding })].filter(Boolean).join(' · ')}
        {p.sheet || p.encoding ? '。' : ''}{tr(s.headerRow === undefined ? 'headerHint' : 'headerChosen', { row: chosen, rows: span })}
      </p>
      <div className="zd-imp-scroll">
        <table className="zd-imp-table zd-imp-rows" data-testid="import-first-rows">
          <thead>
            <tr><th>{tr('rowNo')}</th>{letters.map((l, i) => <th key={i}>{l}</th>)}</tr>
          </thead>
          <tbody>
            {p.firstRows.map((r) => {
              const cls = r.row >= top && r.row <= bottom ? 'header' : r.row < top ? 'above' : '';
              return (
                <tr key={r.row} className={cls} data-row={r.row} title={tr('headerPick')}
                  onClick={() => { if (!s.busy && r.row !== chosen) s.setHeaderRow(r.row); }}>
                  <th>
                    <label>
                      <input type="radio" name="header-row" checked={r.row === chosen} disabled={!!s.busy}
                        onChange={() => s.setHeaderRow(r.row)} aria-label={`${tr('headerPick')} ${r.row}`} />
                      {r.row}
                    </label>
                  </th>
                  {Array.from({ length: width }, (_, i) => <td key={i}>{r.cells[i] ?? ''}</td>)}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
});

const Mapping = observer(function Mapping() {
  const p = s.preview!;
  const zh = store.lang === 'zh';
  const mapping = s.currentMapping;
  const firstData = p.firstRows.find((r) => r.row > p.headerRowEnd && r.cells.some(Boolean));
  const origin = s.mapping ? tr('edited') : p.remembered ? tr('remembered') : tr('guessed');
  return (
    <section className="zd-imp-panel">
      <h3>{tr('mappingSection')} <span className="zd-imp-badge" data-testid="mapping-origin">{origin}</span></h3>
      {p.missingRequired.length > 0 && (
        <p className="zd-imp-warn" data-testid="missing-required">{tr('missingRequired', { fields: p.missingRequired.join(zh ? '、' : ', ') })}</p>
      )}
      <div className="zd-imp-scroll">
        <table className="zd-imp-table zd-imp-map" data-testid="import-mapping">
          <thead>
            <tr><th>{tr('column')}</th><th>{tr('headerText')}</th><th>{tr('sample')}</th><th>{tr('importAs')}</th></tr>
          </thead>
          <tbody>
            {p.headers.map((h, i) => (
              <tr key={h.letter} className={mapping[h.letter] ? '' : 'ignored'}>
                <td>{h.letter}</td>
                <td>{h.text}</td>
                <td className="zd-imp-sample">{firstData?.cells[i] ?? ''}</td>
                <td>
                  <select data-column={h.letter} value={mapping[h.letter] ?? ''} disabled={!!s.busy} onChange={(e) => s.setMapping(h.letter, e.target.value)}>
                    <option value="">{tr('ignore')}</option>
                    {s.fields.map((f) => (
                      <option key={f.key} value={f.key}>{zh ? f.zh : f.en}{f.required ? `（${tr('required')}）` : ''}</option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
});

const Keys = observer(function Keys() {
  const p = s.preview!;
  const zh = store.lang === 'zh';
  const mapped = new Set(Object.values(s.currentMapping).filter(Boolean));
  const chosen = new Set(s.keyFields ?? p.keyFields);
  return (
    <section className="zd-imp-panel">
      <h3>{tr('keySection')}</h3>
      <p className="zd-imp-hint">{s.keyFields ? tr('keyCustom') : tr('keyDefault')}</p>
      <div className="zd-imp-keys" data-testid="import-keys">
        {s.fields.filter((f) => mapped.has(f.key)).map((f) => (
          <label key={f.key}>
            <input type="checkbox" data-key={f.key} checked={chosen.has(f.key)} disabled={!!s.busy} onChange={() => s.toggleKey(f.key)} />
            {zh ? f.zh : f.en}
          </label>
        ))}
        {s.keyFields && <button type="button" onClick={() => s.resetKeys()}>{tr('keyReset')}</button>}
      </div>
      <label className="zd-imp-option">
        <input type="checkbox" checked={s.emptyCellsClear} disabled={!!s.busy} onChange={(e) => s.setEmptyCellsClear(e.target.checked)} />
        {tr('emptyClear')}
      </label>
    </section>
  );
});

export const MappingStep = observer(function MappingStep() {
  return (
    <>
      <HeaderRows />
      <Mapping />
      <Keys />
      <div className="zd-imp-nav">
        <button type="button" onClick={() => s.setStep(1)} disabled={!!s.busy}>{tr('back')}</button>
        <button type="button" className="primary" data-action="import-next" disabled={!!s.busy || s.stale} title={s.stale ? tr('stale') : undefined}
          onClick={() => void s.next()}>{tr('toPreview')}</button>
      </div>
    </>
  );
});
