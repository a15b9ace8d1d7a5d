// Exchange packages (交换包) for offices that cannot share a network: export the register (or one county's
// part) as one signed file; import another office's package after its signature is checked, with a
// preview of what differs and a choice per row where both sides changed the same item.
import { useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { ExchangePreview } from '../../../shared/contract/exchange';
import { call } from '../api';
import { store } from '../stores/root-store';

const STATUS_ZH: Record<string, [string, string]> = {
  new: ['新增', 'New'], changed: ['对方修改', 'Changed there'], deleted: ['对方删除', 'Deleted there'], conflict: ['双方均修改', 'Conflict'],
};

export const ExchangePanel = observer(function ExchangePanel() {
  const zh = store.lang === 'zh';
  const [outFile, setOutFile] = useState('');
  const [county, setCounty] = useState('');
  const [inFile, setInFile] = useState('');
  const [preview, setPreview] = useState<ExchangePreview | null>(null);
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const counties = store.regions.filter((r) => r.parent_code === '620500');

  async function doExport() {
    try {
      const r = await call('exchange.export', { file: outFile.trim(), ...(county ? { county } : {}) });
      store.setStatus(`${zh ? '交换包已生成' : 'Package written'}：${r.file}（${r.rows}${zh ? '行，密钥指纹' : ' rows, key fingerprint'} ${r.fingerprint}）`);
    } catch (e) {
      store.showError(e);
    }
  }

  async function doPreview() {
    try {
      const p = await call('exchange.preview', { file: inFile.trim() });
      setPreview(p);
      setChoices(Object.fromEntries(p.items.filter((i) => i.status === 'conflict').map((i) => [i.uid, 'mine' as const])));
    } catch (e) {
      setPreview(null);
      store.showError(e);
    }
  }

  async function doApply() {
    if (!preview) return;
    try {
      const r = await call('exchange.apply', { file: inFile.trim(), choices, baseGroupId: preview.baseGroupId });
      store.setStatus(r.label);
      setPreview(null);
      store.dataVersion++;
      await Promise.all([store.refreshLookups(), store.refreshHistory()]);
    } catch (e) {
      store.showError(e);
    }
  }

  return (
    <section className="zd-panel" data-panel="exchange">
      <h2>{zh ? '交换包' : 'Exchange packages'}</h2>
      <div className="zd-row">
        <input placeholder={zh ? '导出到文件，如 D:\\交换\\天水.zdx' : 'Export to file'} value={outFile} onChange={(e) => setOutFile(e.target.value)} />
        <select value={county} onChange={(e) => setCounty(e.target.value)}>
          <option value="">{zh ? '全部登记数据' : 'Whole register'}</option>
          {counties.map((c) => <option key={c.code} value={c.code}>{c.name}</option>)}
        </select>
        <button data-action="exchange-export" disabled={!outFile.trim()} onClick={() => void doExport()}>{zh ? '导出并签名' : 'Export and sign'}</button>
      </div>
      <div className="zd-row">
        <input placeholder={zh ? '要导入的交换包文件' : 'Package to import'} value={inFile} onChange={(e) => setInFile(e.target.value)} />
        <button data-action="exchange-preview" disabled={!inFile.trim()} onClick={() => void doPreview()}>{zh ? '校验并预览' : 'Verify and preview'}</button>
      </div>
      {preview && (
        <div className="zd-exchange-preview">
          <p>
            {zh ? '来源' : 'From'}：{preview.office}（{zh ? '密钥指纹' : 'key'} {preview.fingerprint}），
            {zh ? '新增' : 'new'} {preview.counts.new}，{zh ? '修改' : 'changed'} {preview.counts.changed}，
            {zh ? '删除' : 'deleted'} {preview.counts.deleted}，{zh ? '冲突' : 'conflicts'} {preview.counts.conflict}，
            {zh ? '相同' : 'unchanged'} {preview.counts.unchanged}
          </p>
          {preview.problems.map((p) => <p key={p} className="zd-bad">{p}</p>)}
          <table className="zd-table">
            <thead><tr><th>{zh ? '数据表' : 'Table'}</th><th>{zh ? '名称' : 'Name'}</th><th>{zh ? '情况' : 'Status'}</th><th>{zh ? '差异' : 'Differences'}</th><th>{zh ? '采用' : 'Keep'}</th></tr></thead>
            <tbody>
              {preview.items.slice(0, 500).map((i) => (
                <tr key={i.uid} data-status={i.status}>
                  <td>{i.tableZh}</td>
                  <td>{i.name}</td>
                  <td>{STATUS_ZH[i.status]?.[zh ? 0 : 1] ?? i.status}</td>
                  <td>{i.fields.map((f) => `${f.zh}：${f.mine ?? '空'} → ${f.theirs ?? '空'}`).join('；')}</td>
                  <td>
                    {i.status === 'conflict' && (
                      <select value={choices[i.uid]} onChange={(e) => setChoices({ ...choices, [i.uid]: e.target.value as 'mine' | 'theirs' })}>
                        <option value="mine">{zh ? '本机' : 'Mine'}</option>
                        <option value="theirs">{zh ? '对方' : 'Theirs'}</option>
                      </select>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button data-action="exchange-apply" onClick={() => void doApply()}>{zh ? '导入（可撤销）' : 'Import (undoable)'}</button>
        </div>
      )}
    </section>
  );
});
