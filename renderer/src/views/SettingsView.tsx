// Settings: the operator's name (recorded with every change in the history) and the issuing office's
// profile used by the approval papers (发文机关标志, 机关代字, 印发机关, 附注, default recipients).
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import { call } from '../api';
import { store } from '../stores/root-store';

const FIELDS: Array<[key: string, zh: string, en: string]> = [
  ['operator.name', '操作人姓名（记入修改记录）', 'Operator name (recorded in the history)'],
  ['office.name', '发文机关全称', 'Issuing office'],
  ['office.mark', '发文机关标志', 'Letterhead (发文机关标志)'],
  ['office.code', '机关代字', 'Document prefix (机关代字)'],
  ['office.printer', '印发机关', 'Printed by (印发机关)'],
  ['office.contact', '附注（联系人、电话）', 'Note line (contact)'],
  ['office.recipients', '默认主送机关', 'Default recipients'],
  ['office.superior', '请示的主送机关（上级机关）', 'Superior organ (recipient of requests)'],
];

export const SettingsView = observer(function SettingsView() {
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const zh = store.lang === 'zh';
  useEffect(() => {
    call('settings.get', {}).then(setValues, (e) => store.showError(e));
  }, []);
  if (!values) return null;
  async function save() {
    try {
      const subset = Object.fromEntries(FIELDS.map(([k]) => [k, values![k] ?? '']));
      setValues(await call('settings.set', { values: subset }));
      store.setStatus(zh ? '设置已保存' : 'Settings saved');
      void store.refreshHistory();
    } catch (e) {
      store.showError(e);
    }
  }
  return (
    <form className="zd-settings" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {FIELDS.map(([key, zhLabel, enLabel]) => (
        <label key={key}>
          <span>{zh ? zhLabel : enLabel}</span>
          <input name={key} value={values[key] ?? ''} onChange={(e) => setValues({ ...values, [key]: e.target.value })} />
        </label>
      ))}
      <button type="submit">{zh ? '保存' : 'Save'}</button>
    </form>
  );
});
