// Shows the pending confirmation (see dialogs.ts): the message and its buttons; Esc cancels, Enter takes
// the primary button.
import { useEffect, useRef } from 'react';
import { observer } from 'mobx-react-lite';
import { dialogs } from './dialogs';

export const ConfirmHost = observer(function ConfirmHost() {
  const c = dialogs.current;
  const primary = useRef<HTMLButtonElement>(null);
  useEffect(() => primary.current?.focus(), [c]);
  if (!c) return null;
  const onKey = (e: React.KeyboardEvent) => {
    e.stopPropagation();
    if (e.key === 'Escape') dialogs.answer('cancel');
  };
  return (
    <div className="zd-modal-backdrop">
      <div className="zd-modal zd-confirm" role="alertdialog" aria-modal="true" data-testid="confirm-dialog" onKeyDown={onKey}>
        <p>{c.message}</p>
        <div className="zd-modal-buttons">
          {c.buttons.map((b) => (
            <button key={b.id} ref={b.primary ? primary : undefined} data-answer={b.id}
              className={b.primary ? 'zd-primary' : b.danger ? 'zd-danger' : ''} onClick={() => dialogs.answer(b.id)}>
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
});
