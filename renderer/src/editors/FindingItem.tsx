// One rule finding: severity, rule, message and its source; clicking it shows the offending cell.
import { observer } from 'mobx-react-lite';
import type { LiveFinding } from '../../../shared/contract/editors';
import type { TableName } from '../../../shared/tables';
import { store } from '../stores/root-store';
import { editorStore } from './editor-store';
import { es } from './strings';

export function severityLabel(lang: 'zh' | 'en', s: LiveFinding['severity']): string {
  return es(lang, s === 'error' ? 'sevError' : s === 'warning' ? 'sevWarning' : 'sevInfo');
}

/** The offending cell to show: the first item that names a row of a table with a grid. */
export function jumpToFinding(f: LiveFinding): void {
  const item = f.items.find((i) => i.table !== 'agencies') ?? f.items[0];
  if (!item) return;
  if (item.table === 'agencies') editorStore.selectAgency(item.id);
  editorStore.jumpTo(item.table as TableName, item.id, item.field);
}

export const FindingItem = observer(function FindingItem({ f }: { f: LiveFinding }) {
  const lang = store.lang;
  return (
    <li className={`zd-finding zd-finding-${f.severity}`} data-rule={f.rule} data-agency={f.agencyId}>
      <button onClick={() => jumpToFinding(f)}>
        <span className="zd-sev">{severityLabel(lang, f.severity)}</span>
        <strong>{f.rule}</strong> {f.message}
      </button>
      <div className="zd-finding-source">{es(lang, 'ruleSource')}：{f.source}</div>
    </li>
  );
});
