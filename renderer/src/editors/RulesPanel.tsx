// Every rule the register breaks right now, by agency: severity, rule, message and where the rule comes
// from. Clicking an entry opens the table that holds the offending cell and selects it.
import { observer } from 'mobx-react-lite';
import { store } from '../stores/root-store';
import { editorStore } from './editor-store';
import { FindingItem } from './FindingItem';
import { es } from './strings';

export const RulesPanel = observer(function RulesPanel() {
  const lang = store.lang;
  const sorted = [...editorStore.findings].sort((a, b) => (a.severity === b.severity ? a.agencyId - b.agencyId : a.severity === 'error' ? -1 : 1));
  return (
    <aside className="zd-side zd-rules" data-testid="rules-panel">
      <header>
        <h2>{es(lang, 'rulesTitle')}（{sorted.length}）</h2>
        <button onClick={() => editorStore.setRulesOpen(false)}>{es(lang, 'close')}</button>
      </header>
      {sorted.length === 0 ? <p>{es(lang, 'rulesNone')}</p> : (
        <ul>{sorted.map((f) => <FindingItem key={f.key} f={f} />)}</ul>
      )}
    </aside>
  );
});
