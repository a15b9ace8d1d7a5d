// The register of 发文字号 (take the next number of a type and year; cancel one — it stays on record and is
// never handed out again) and the export log (which template version made which file).
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { DocNumberInfo, ExportLogInfo } from '../../../shared/contract/export';
import { PAPER_DOC_TYPE_LABELS, PAPER_DOC_TYPES, type PaperDocType } from '../../../shared/papers';
import { call } from '../api';
import { store } from '../stores/root-store';
import { s } from './strings';

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });

export const RecordsPanel = observer(function RecordsPanel({ reformId, version }: { reformId: number | null; version: number }) {
  const lang = store.lang;
  const [numbers, setNumbers] = useState<DocNumberInfo[]>([]);
  const [log, setLog] = useState<ExportLogInfo[]>([]);
  const [docType, setDocType] = useState<PaperDocType>('notice');
  const [year, setYear] = useState(String(new Date().getFullYear()));

  const reload = () => Promise.all([call('export.docNumbers', {}), call('export.log', { limit: 50 })]).then(([n, l]) => {
    setNumbers(n);
    setLog(l);
  }, (e) => store.showError(e));
  useEffect(() => void reload(), [version]);

  async function allocate() {
    try {
      const y = Number(year);
      const r = await call('export.allocateDocNo', { docType, ...(Number.isInteger(y) && y > 1900 ? { year: y } : {}), ...(reformId !== null ? { reformId } : {}) });
      store.setStatus(`${s(lang, 'allocated')}：${r.docNo}`);
      await reload();
    } catch (e) {
      store.showError(e);
    }
  }

  async function cancel(n: DocNumberInfo) {
    if (!window.confirm(s(lang, 'confirmCancelNo', { no: n.docNo }))) return;
    try {
      await call('export.cancelDocNo', { id: n.id });
      await reload();
    } catch (e) {
      store.showError(e);
    }
  }

  return (
    <section className="zd-panel zd-export-records" data-panel="records">
      <h2>{s(lang, 'records')}</h2>
      <div className="zd-row">
        <select data-field="docno-type" value={docType} onChange={(e) => setDocType(e.target.value as PaperDocType)}>
          {PAPER_DOC_TYPES.map((t) => <option key={t} value={t}>{PAPER_DOC_TYPE_LABELS[t]}</option>)}
        </select>
        <input data-field="docno-year" className="zd-export-year" value={year} onChange={(e) => setYear(e.target.value)} aria-label={s(lang, 'year')} />
        <button data-action="allocate-docno" onClick={() => void allocate()}>{s(lang, 'allocate')}</button>
      </div>
      <div className="zd-export-two">
        <div className="zd-export-scroll">
          <table className="zd-table" data-testid="doc-numbers">
            <thead><tr><th>{s(lang, 'docNo')}</th><th>{s(lang, 'docType')}</th><th>{s(lang, 'status')}</th><th /></tr></thead>
            <tbody>
              {numbers.length === 0 && <tr><td colSpan={4}>{s(lang, 'noNumbers')}</td></tr>}
              {numbers.map((n) => (
                <tr key={n.id} className={n.status === 'cancelled' ? 'zd-export-void' : ''}>
                  <td>{n.docNo}</td>
                  <td>{PAPER_DOC_TYPE_LABELS[n.docType as PaperDocType] ?? n.docType}</td>
                  <td>{n.status === 'issued' ? s(lang, 'issued') : s(lang, 'cancelledNo')}</td>
                  <td>{n.status === 'issued' && <button data-action="cancel-docno" onClick={() => void cancel(n)}>{s(lang, 'cancelNo')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="zd-export-scroll">
          <table className="zd-table" data-testid="export-log">
            <thead><tr><th>{s(lang, 'logAt')}</th><th>{s(lang, 'fileName')}</th><th>{s(lang, 'docNo')}</th><th>{s(lang, 'templateCol')}</th></tr></thead>
            <tbody>
              {log.length === 0 && <tr><td colSpan={4}>{s(lang, 'noLog')}</td></tr>}
              {log.map((l) => (
                <tr key={l.id}>
                  <td>{when(l.at)}</td>
                  <td className="zd-file">{l.file}</td>
                  <td>{l.docNo ?? ''}</td>
                  <td title={l.sha256}>{l.templateId} v{l.version}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </section>
  );
});
