// Preview of one paper. The page's CSP (img-src 'self' data:, no frames or objects from blob:/data:) rules out
// a PDF in an <iframe>, so the main side renders the first pages to PNG (LibreOffice → PDF → pdftoppm) and
// they are shown as data: images — what the printout looks like. Without LibreOffice the preview is the
// paper's text. The PDF itself can be downloaded.
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { ExportPreview, ExportTypeInfo } from '../../../shared/contract/export';
import { call } from '../api';
import { store } from '../stores/root-store';
import { downloadBase64 } from './files';
import { s } from './strings';

interface Props {
  readonly type: ExportTypeInfo;
  readonly reformId: number | null;
  readonly version: { templateId: string; version: number } | null;
}

export const PreviewPanel = observer(function PreviewPanel({ type, reformId, version }: Props) {
  const lang = store.lang;
  const [agencyIndex, setAgencyIndex] = useState(0);
  const [preview, setPreview] = useState<ExportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [textOnly, setTextOnly] = useState(false);
  const blocked = type.needsReform && reformId === null;

  useEffect(() => {
    setPreview(null);
    setAgencyIndex(0);
  }, [type.key, reformId]);
  useEffect(() => {
    if (version && !blocked) void render(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version]);

  async function render(index = agencyIndex) {
    setBusy(true);
    try {
      setPreview(await call('export.preview', {
        docType: type.key, ...(reformId !== null ? { reformId } : {}), ...(version ? { templateVersion: version } : {}),
        ...(type.key === 'sanding' ? { agencyIndex: index } : {}), format: textOnly ? 'text' : 'auto',
      }));
    } catch (e) {
      store.showError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="zd-panel" data-panel="preview">
      <h2>{s(lang, 'preview')} · {type[lang]}{version ? `（${version.templateId} v${version.version}）` : ''}</h2>
      <div className="zd-row">
        {type.key === 'sanding' && preview && preview.agencies.length > 1 && (
          <select data-field="preview-agency" value={agencyIndex} onChange={(e) => { setAgencyIndex(+e.target.value); void render(+e.target.value); }}>
            {preview.agencies.map((a, i) => <option key={a} value={i}>{a}</option>)}
          </select>
        )}
        <label className="zd-export-check">
          <input type="checkbox" checked={textOnly} onChange={(e) => setTextOnly(e.target.checked)} /> {s(lang, 'textPreview')}
        </label>
        <button data-action="preview" disabled={busy || blocked} onClick={() => void render()}>{busy ? s(lang, 'previewing') : s(lang, 'previewButton')}</button>
        {preview?.pdfBase64 && <button data-action="download-pdf" onClick={() => downloadBase64(preview.pdfBase64!, preview.fileName.replace(/\.(docx|xlsx)$/, '.pdf'))}>{s(lang, 'downloadPdf')}</button>}
      </div>
      {blocked && <p className="zd-export-hint">{s(lang, 'needsReform')}</p>}
      {preview && (
        <div className="zd-export-preview" data-testid="preview" data-format={preview.format}>
          <p className="zd-export-hint">
            {preview.fileName} · {preview.docNo || '—'} · {preview.templateId} v{preview.templateVersion}
            {preview.pageCount ? ` · ${s(lang, 'pageOf', { n: preview.pageCount, m: preview.pages.length })}` : ''}
          </p>
          {preview.note && <p className="zd-export-note">{preview.note}</p>}
          {preview.format === 'png'
            ? <div className="zd-export-pages">{preview.pages.map((src, i) => <img key={i} src={src} alt={`${i + 1}`} />)}</div>
            : <pre className="zd-export-text">{preview.text}</pre>}
        </div>
      )}
    </section>
  );
});
