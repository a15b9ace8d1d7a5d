// The audit trail (留痕): every history group, newest first, with who and when.
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { HistoryEntry } from '../../../shared/contract';
import { call } from '../api';
import { HISTORY_KIND, HISTORY_STATE, t } from '../i18n';
import { store } from '../stores/root-store';

export const HistoryView = observer(function HistoryView() {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const lang = store.lang;
  const i = lang === 'zh' ? 0 : 1;
  useEffect(() => {
    call('history.list', { limit: 500 }).then(setEntries, (e) => store.showError(e));
  }, [store.history, store.dataVersion]);
  return (
    <div className="zd-history">
      <table>
        <thead>
          <tr>
            <th>{t(lang, 'historyTime')}</th><th>{t(lang, 'historyLabel')}</th><th>{t(lang, 'historyKind')}</th>
            <th>{t(lang, 'historyState')}</th><th>{t(lang, 'historyCount')}</th><th>{t(lang, 'historyUser')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id} className={`zd-history-${e.state}`}>
              <td>{new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })}</td>
              <td>{e.label}</td>
              <td>{HISTORY_KIND[e.kind]?.[i] ?? e.kind}</td>
              <td>{HISTORY_STATE[e.state]?.[i] ?? e.state}</td>
              <td>{e.changeCount}</td>
              <td>{e.operator ? `${e.operator}（${e.osUser}）` : e.osUser}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
});
