// Global search (Ctrl+K): agencies, zones and departments by name, short name, pinyin initials or credit
// code; Enter or a click opens the row's table with the row selected.
import { useEffect, useRef, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { SearchHit } from '../../../shared/contract';
import { call } from '../api';
import { store } from '../stores/root-store';
import { editorStore } from './editor-store';
import { es } from './strings';

export function openHit(hit: SearchHit): void {
  editorStore.setSearchOpen(false);
  if (hit.table === 'agencies') {
    editorStore.selectAgency(hit.id);
    editorStore.setDetailOpen(true);
  }
  editorStore.jumpTo(hit.table, hit.id);
}

export const SearchDialog = observer(function SearchDialog() {
  const lang = store.lang;
  const [text, setText] = useState('');
  const [hits, setHits] = useState<SearchHit[]>([]);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    const q = text.trim();
    if (!q) return setHits([]);
    let live = true;
    const timer = setTimeout(() => {
      call('search.query', { text: q, limit: 20 }).then((h) => {
        if (!live) return;
        setHits(h);
        setActive(0);
      }, (e) => store.showError(e));
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [text]);
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') editorStore.setSearchOpen(false);
    else if (e.key === 'ArrowDown') { e.preventDefault(); setActive((a) => Math.min(hits.length - 1, a + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setActive((a) => Math.max(0, a - 1)); }
    else if (e.key === 'Enter' && hits[active]) openHit(hits[active]);
  };
  return (
    <div className="zd-modal-backdrop" onMouseDown={() => editorStore.setSearchOpen(false)}>
      <div className="zd-modal zd-search" role="dialog" data-testid="search-dialog" onMouseDown={(e) => e.stopPropagation()} onKeyDown={onKey}>
        <input ref={input} value={text} placeholder={es(lang, 'searchPlaceholder')} onChange={(e) => setText(e.target.value)} data-testid="search-input" />
        <ul>
          {hits.map((h, i) => (
            <li key={`${h.table}-${h.id}`} className={i === active ? 'active' : ''} onMouseEnter={() => setActive(i)} onClick={() => openHit(h)} data-hit={`${h.table}:${h.id}`}>
              <strong>{h.name}</strong>
              <span>{h.detail}</span>
            </li>
          ))}
          {text.trim() && hits.length === 0 && <li className="zd-empty">{es(lang, 'searchEmpty')}</li>}
        </ul>
      </div>
    </div>
  );
});
