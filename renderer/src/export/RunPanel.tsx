// The batch export: where the files go (a folder, or downloads in browser mode), the Export button, a progress
// bar fed by 'job.progress' events, Cancel, and the files written (or offered for download).
import { useEffect, useRef, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { ExportProgress, ExportRunResult, ExportTypeInfo, ExportTypeKey } from '../../../shared/contract/export';
import { call, onEvent } from '../api';
import { store } from '../stores/root-store';
import { downloadBase64, isBrowserMode } from './files';
import { s } from './strings';

interface Props {
  readonly reformId: number | null;
  readonly ticked: readonly ExportTypeKey[];
  readonly types: readonly ExportTypeInfo[];
  /** Called after an export (the records panel reloads). */
  readonly onDone: () => void;
}

export const RunPanel = observer(function RunPanel({ reformId, ticked, types, onDone }: Props) {
  const lang = store.lang;
  const browser = isBrowserMode();
  const [outDir, setOutDir] = useState('');
  const [download, setDownload] = useState(browser);
  const [job, setJob] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number; file: string | null } | null>(null);
  const [result, setResult] = useState<ExportRunResult | null>(null);
  const jobRef = useRef<string | null>(null);

  useEffect(() => onEvent('job.progress', (p) => {
    const e = p as ExportProgress;
    if (e?.job === 'export' && e.jobId === jobRef.current) setProgress({ done: e.done, total: e.total, file: e.file });
  }), []);

  async function run() {
    if (!ticked.length) {
      store.showError(s(lang, 'nothingTicked'));
      return;
    }
    const jobId = `ui-${Date.now().toString(36)}`;
    jobRef.current = jobId;
    setJob(jobId);
    setResult(null);
    setProgress({ done: 0, total: 0, file: null });
    try {
      const out = await call('export.run', {
        ...(reformId !== null ? { reformId } : {}), types: [...ticked], jobId,
        ...(outDir.trim() ? { outDir: outDir.trim() } : {}), download: download && !outDir.trim(),
      });
      setResult(out);
      setProgress({ done: out.files.length, total: out.total, file: null });
      store.setStatus(out.cancelled ? s(lang, 'cancelled') : `${s(lang, 'done')}：${out.files.length} ${s(lang, 'files')}${out.outDir ? ` → ${out.outDir}` : ''}`);
      // One after the other: Chromium drops some of many downloads started in the same moment.
      for (const f of out.files) {
        if (!f.base64) continue;
        downloadBase64(f.base64, f.name);
        await new Promise((r) => setTimeout(r, 250));
      }
      onDone();
    } catch (e) {
      store.showError(e);
    } finally {
      jobRef.current = null;
      setJob(null);
    }
  }

  const pct = progress && progress.total ? Math.round((progress.done / progress.total) * 100) : 0;
  const typeName = (k: string) => types.find((t) => t.key === k)?.[lang] ?? k;
  return (
    <div className="zd-export-run">
      {browser && <p className="zd-export-hint">{s(lang, 'browserNote')}</p>}
      <div className="zd-row">
        <input data-field="out-dir" placeholder={`${s(lang, 'outDir')}（${s(lang, 'outDirHint')}）`} value={outDir} onChange={(e) => setOutDir(e.target.value)} disabled={!!job} />
        {browser && (
          <label className="zd-export-check">
            <input type="checkbox" checked={download} onChange={(e) => setDownload(e.target.checked)} disabled={!!job || !!outDir.trim()} /> {s(lang, 'download')}
          </label>
        )}
      </div>
      <div className="zd-row">
        <button data-action="export-run" className="zd-primary" disabled={!!job || !ticked.length} onClick={() => void run()}>
          {job ? s(lang, 'exporting') : s(lang, 'exportButton')}（{ticked.length}）
        </button>
        {job && <button data-action="export-cancel" onClick={() => void call('export.cancel', { jobId: job })}>{s(lang, 'cancel')}</button>}
      </div>
      {progress && (
        <div className="zd-export-progress" data-testid="export-progress" data-done={progress.done} data-total={progress.total}>
          <div className="zd-export-bar"><div style={{ width: `${pct}%` }} /></div>
          <span>{progress.done}/{progress.total || '…'} {progress.file ?? ''}</span>
        </div>
      )}
      {result && (
        <div className="zd-export-scroll">
          <table className="zd-table" data-testid="export-result">
            <thead>
              <tr><th>{s(lang, 'fileName')}</th><th>{s(lang, 'docNo')}</th><th /></tr>
            </thead>
            <tbody>
              {result.files.map((f) => (
                <tr key={f.name} data-file={f.name} title={`${typeName(f.type)} · ${f.templateId} v${f.templateVersion}`}>
                  <td className="zd-file">{f.path ?? f.name}</td>
                  <td>{f.docNo || '—'}</td>
                  <td>{f.base64 && <button data-action="download-file" onClick={() => downloadBase64(f.base64!, f.name)}>{s(lang, 'downloadOne')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});
