// The Export page (公文导出): choose a reform (or the register alone for the 编制统计表 and 机构台账), tick
// papers, export them with progress and cancel; for the paper in focus, its template versions, the 插入字段
// list and a preview; below, the register of 发文字号 and the export log.
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { ExportTypeInfo, ExportTypeKey } from '../../../shared/contract/export';
import type { ReformListEntry } from '../../../shared/reform/api-types';
import { call } from '../api';
import { store } from '../stores/root-store';
import { PreviewPanel } from './PreviewPanel';
import { RecordsPanel } from './RecordsPanel';
import { RunPanel } from './RunPanel';
import { TemplatePanel } from './TemplatePanel';
import { s } from './strings';
import './export.css';

export const ExportView = observer(function ExportView() {
  const lang = store.lang;
  const [types, setTypes] = useState<ExportTypeInfo[]>([]);
  const [reforms, setReforms] = useState<ReformListEntry[]>([]);
  const [reformId, setReformId] = useState<number | null>(null);
  const [ticked, setTicked] = useState<ExportTypeKey[]>([]);
  const [focus, setFocus] = useState<ExportTypeKey>('mapping-xlsx');
  const [previewVersion, setPreviewVersion] = useState<{ templateId: string; version: number } | null>(null);
  const [runs, setRuns] = useState(0);

  useEffect(() => {
    Promise.all([call('export.types', {}), call('reform.list', {})]).then(([t, r]) => {
      setTypes(t);
      setReforms(r);
      setReformId(r[0]?.id ?? null);
    }, (e) => store.showError(e));
  }, [store.dataVersion]);

  const available = (t: ExportTypeInfo) => !t.needsReform || reformId !== null;
  useEffect(() => {
    // Papers that need a reform are unticked when the register is chosen.
    setTicked((prev) => prev.filter((k) => available(types.find((t) => t.key === k)!)));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reformId, types]);

  const toggle = (k: ExportTypeKey, on: boolean) => setTicked((prev) => (on ? [...new Set([...prev, k])] : prev.filter((x) => x !== k)));
  const focused = types.find((t) => t.key === focus);
  const statusZh = (r: ReformListEntry) => s(lang, r.status);

  return (
    <div className="zd-export" data-view="export">
      <div className="zd-export-main">
        <section className="zd-panel zd-export-papers" data-panel="papers">
          <h2>{s(lang, 'title')}</h2>
          <label className="zd-export-source">
            <span>{s(lang, 'source')}</span>
            <select data-field="export-source" value={reformId ?? 'register'} onChange={(e) => setReformId(e.target.value === 'register' ? null : Number(e.target.value))}>
              {reforms.map((r) => (
                <option key={r.id} value={r.id}>#{r.id} {r.name}（{statusZh(r)}，{r.effectiveDate}{r.basisDocNo ? `，${r.basisDocNo}` : ''}）</option>
              ))}
              <option value="register">{s(lang, 'register')}</option>
            </select>
          </label>
          <div className="zd-export-list">
            <div className="zd-row">
              <button data-action="tick-all" onClick={() => setTicked(types.filter(available).map((t) => t.key))}>{s(lang, 'selectAll')}</button>
              <button data-action="tick-none" onClick={() => setTicked([])}>{s(lang, 'selectNone')}</button>
            </div>
            {types.map((t) => (
              <div key={t.key} className={`zd-export-type${focus === t.key ? ' zd-export-focus' : ''}${available(t) ? '' : ' zd-export-off'}`} data-type={t.key}>
                <label>
                  <input type="checkbox" data-tick={t.key} checked={ticked.includes(t.key)} disabled={!available(t)} onChange={(e) => toggle(t.key, e.target.checked)} />
                  <span>{t[lang]}</span>
                  <small>.{t.kind}{available(t) ? '' : ` · ${s(lang, 'needsReform')}`}</small>
                </label>
                <button data-action="focus-type" onClick={() => { setFocus(t.key); setPreviewVersion(null); }}>{s(lang, 'focusType')}</button>
              </div>
            ))}
          </div>
          <p className="zd-export-hint">{s(lang, 'illustrative')}</p>
          <RunPanel reformId={reformId} ticked={ticked} types={types} onDone={() => setRuns((n) => n + 1)} />
        </section>
        <RecordsPanel reformId={reformId} version={runs} />
      </div>
      {focused && (
        <div className="zd-export-side">
          <TemplatePanel key={focused.key} type={focused} onPreviewVersion={setPreviewVersion} />
          <PreviewPanel type={focused} reformId={reformId} version={previewVersion} />
        </div>
      )}
    </div>
  );
});
