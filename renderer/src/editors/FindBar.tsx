// Find and replace within the grid (Ctrl+F, Ctrl+H): matches highlighted, Enter / Shift+Enter step through
// them, "replace all" is one undo step. Esc closes the bar and returns focus to the grid.
import { useEffect, useRef } from 'react';
import { observer } from 'mobx-react-lite';
import type { GridController } from '../grid/controller';
import type { FindModel } from '../grid/find';
import { store } from '../stores/root-store';
import { es } from './strings';

export const FindBar = observer(function FindBar({ gc, find }: { gc: GridController; find: FindModel }) {
  const lang = store.lang;
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, [gc.findOpen]);
  useEffect(() => () => find.close(), [find]);
  const close = () => {
    find.close();
    gc.setFindOpen(null);
    const f = gc.api?.getFocusedCell();
    if (f) gc.api?.setFocusedCell(f.rowIndex, f.column);
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') close();
    else if (e.key === 'Enter' && e.target === input.current) (e.shiftKey ? find.prev() : find.next());
  };
  return (
    <div className="zd-findbar" data-testid="find-bar" onKeyDown={onKey}>
      <label>
        {es(lang, 'find')}
        <input ref={input} data-testid="find-input" value={find.query} onChange={(e) => find.search(e.target.value)} />
      </label>
      <span className="zd-find-count" data-testid="find-count">
        {find.query ? (find.count ? `${find.index + 1} / ${find.count}` : es(lang, 'noMatch')) : ''}
      </span>
      <button onClick={() => find.prev()}>{es(lang, 'findPrev')}</button>
      <button onClick={() => find.next()} data-action="find-next">{es(lang, 'findNext')}</button>
      {gc.findOpen === 'replace' && (
        <>
          <label>
            {es(lang, 'replaceWith')}
            <input data-testid="replace-input" value={find.replacement} onChange={(e) => find.setReplacement(e.target.value)} />
          </label>
          <button data-action="replace-one" onClick={() => void find.replaceCurrent()}>{es(lang, 'replace')}</button>
          <button data-action="replace-all" onClick={() => void find.replaceAll()}>{es(lang, 'replaceAll')}</button>
        </>
      )}
      <button className="zd-close" onClick={close} aria-label={es(lang, 'close')}>✕</button>
    </div>
  );
});
