// An agency's lineage (历史沿革) from the history: every change of its row, oldest first, with who, when,
// the action's label and what each field was before and after.
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { HistoryEntry } from '../../../shared/contract';
import { TABLES, type Row } from '../../../shared/tables';
import { call } from '../api';
import { displayValue } from '../grid/columns';
import { HISTORY_KIND } from '../i18n';
import { store } from '../stores/root-store';
import { es } from './strings';

type Entry = HistoryEntry & { before: Row | null; after: Row | null };

function diff(before: Row | null, after: Row | null): Array<{ key: string; from: string; to: string }> {
  const lang = store.lang;
  const out: Array<{ key: string; from: string; to: string }> = [];
  for (const col of TABLES.agencies.columns) {
    const a = before?.[col.key] ?? null, b = after?.[col.key] ?? null;
    if (a === b) continue;
    out.push({ key: lang === 'zh' ? col.zh : col.en, from: displayValue(col, a, store, lang), to: displayValue(col, b, store, lang) });
  }
  return out;
}

export const AgencyHistory = observer(function AgencyHistory({ agencyId }: { agencyId: number }) {
  const lang = store.lang;
  const [entries, setEntries] = useState<Entry[] | null>(null);
  useEffect(() => {
    let live = true;
    call('history.ofRow', { table: 'agencies', id: agencyId }).then((e) => live && setEntries(e), (e) => store.showError(e));
    return () => {
      live = false;
    };
  }, [agencyId, store.history]);
  if (!entries) return <div className="zd-loading">…</div>;
  if (!entries.length) return <p>{es(lang, 'historyEmpty')}</p>;
  return (
    <ol className="zd-lineage" data-testid="agency-history">
      {entries.map((e, i) => (
        <li key={`${e.id}-${i}`} className={`zd-history-${e.state}`}>
          <div className="zd-lineage-head">
            <time>{new Date(e.at).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })}</time>
            <span className="zd-lineage-kind">{HISTORY_KIND[e.kind]?.[lang === 'zh' ? 0 : 1] ?? e.kind}</span>
            <strong>{e.label}</strong>
            <span className="zd-lineage-user">{e.operator || e.osUser}</span>
          </div>
          {e.before && e.after && (
            <ul>{diff(e.before, e.after).map((d) => <li key={d.key}>{d.key}：{d.from || '—'} → {d.to || '—'}</li>)}</ul>
          )}
        </li>
      ))}
    </ol>
  );
});
