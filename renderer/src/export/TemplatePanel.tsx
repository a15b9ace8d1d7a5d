// Template versions of one paper type: the built-in default and the office's own versions (activate, roll
// back), importing a template (linted on the main side first: the report lists each problem with its place),
// and the 插入字段 list to type into a template.
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { ExportTypeInfo, TemplateEntry, TemplateImportResult } from '../../../shared/contract/export';
import { call } from '../api';
import { store } from '../stores/root-store';
import { readAsBase64 } from './files';
import { s } from './strings';

interface Props {
  readonly type: ExportTypeInfo;
  /** Preview a version that is not the active one. */
  readonly onPreviewVersion: (v: { templateId: string; version: number }) => void;
}

export const TemplatePanel = observer(function TemplatePanel({ type, onPreviewVersion }: Props) {
  const lang = store.lang;
  const [list, setList] = useState<TemplateEntry[]>([]);
  const [fields, setFields] = useState<Array<{ tag: string; label: string }>>([]);
  const [report, setReport] = useState<TemplateImportResult | null>(null);
  const [asVersion, setAsVersion] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setReport(null);
    call('export.templates', { docType: type.key }).then(setList, (e) => store.showError(e));
    call('export.fields', { docType: type.key }).then(setFields, (e) => store.showError(e));
  }, [type.key]);

  const active = list.find((t) => t.active);
  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    try {
      const contentBase64 = await readAsBase64(file);
      const templateId = asVersion && active?.source === 'user' ? active.templateId : undefined;
      const r = await call('export.importTemplate', { docType: type.key, fileName: file.name, contentBase64, ...(templateId ? { templateId } : {}) });
      setReport(r);
      if (r.ok) {
        setList(await call('export.templates', { docType: type.key }));
        store.setStatus(`${s(lang, 'lintOk')}：${file.name}`);
      }
    } catch (e) {
      store.showError(e);
    } finally {
      setBusy(false);
    }
  }

  async function change(fn: () => Promise<TemplateEntry[]>) {
    try {
      setList(await fn());
    } catch (e) {
      store.showError(e);
    }
  }

  return (
    <section className="zd-panel" data-panel="templates">
      <h2>{s(lang, 'templates')} · {type[lang]}</h2>
      <table className="zd-table">
        <thead>
          <tr><th>{s(lang, 'templateCol')}</th><th>{s(lang, 'version')}</th><th>{s(lang, 'created')}</th><th /></tr>
        </thead>
        <tbody>
          {list.map((t) => (
            <tr key={`${t.templateId}-${t.version}`} data-template={`${t.templateId}@${t.version}`} className={t.active ? 'zd-export-active' : ''}>
              <td>{t.name}<span className="zd-export-tag">{t.source === 'default' ? s(lang, 'builtIn') : s(lang, 'userTemplate')}</span></td>
              <td>v{t.version}</td>
              <td>{t.createdAt ? new Date(t.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }) : '—'}</td>
              <td className="zd-export-actions">
                {t.active ? <strong>{s(lang, 'active')}</strong> : (
                  <button data-action="activate-template" onClick={() => void change(() => call('export.activateTemplate', { docType: type.key, templateId: t.templateId, version: t.version }))}>
                    {s(lang, 'activate')}
                  </button>
                )}
                <button data-action="preview-template" onClick={() => onPreviewVersion({ templateId: t.templateId, version: t.version })}>{s(lang, 'preview')}</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="zd-row zd-export-tools">
        <button data-action="rollback-template" disabled={active?.source !== 'user'} onClick={() => void change(() => call('export.rollback', { docType: type.key }))}>
          {s(lang, 'rollback')}
        </button>
        <label className="zd-export-upload">
          {s(lang, 'importTemplate')}（.{type.kind}）
          <input type="file" data-field="template-file" accept={`.${type.kind}`} disabled={busy} onChange={(e) => { void upload(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
        <label className="zd-export-check">
          <input type="checkbox" checked={asVersion} disabled={active?.source !== 'user'} onChange={(e) => setAsVersion(e.target.checked)} /> {s(lang, 'importAsVersion')}
        </label>
      </div>
      {report && (
        <div className="zd-export-lint" data-testid="lint-report" data-ok={report.ok}>
          <p className={report.ok ? '' : 'zd-bad'}>{report.ok ? s(lang, 'lintOk') : s(lang, 'lintFailed')}</p>
          {report.issues.length > 0 && (
            <table className="zd-table">
              <thead><tr><th>{s(lang, 'severity')}</th><th>{s(lang, 'place')}</th><th>{s(lang, 'message')}</th></tr></thead>
              <tbody>
                {report.issues.map((i, n) => (
                  <tr key={n} className={i.severity === 'error' ? 'zd-bad' : ''}>
                    <td>{s(lang, i.severity)}</td><td>{i.place}</td><td>{i.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <details className="zd-export-fields" data-panel="fields">
        <summary>{s(lang, 'fields')}（{fields.length}）</summary>
        <p className="zd-export-hint">{s(lang, 'fieldsHint')}</p>
        <ul>
          {fields.map((f) => (
            <li key={f.tag + f.label}>
              <code title={s(lang, 'copied')} onClick={() => void navigator.clipboard?.writeText(f.tag).then(() => store.setStatus(`${s(lang, 'copied')}：${f.tag}`), () => {})}>{f.tag}</code>
              <span>{f.label}</span>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
});
