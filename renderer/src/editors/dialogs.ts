// In-app confirmation dialogs (delete rows, append rows on paste) as promises, shown by <ConfirmHost/>.
// In the app's own style and language rather than window.confirm, and testable like any other element.
import { action, makeObservable, observableRef } from 'mobx';

export interface ConfirmButton {
  readonly id: string;
  readonly label: string;
  readonly primary?: boolean;
  readonly danger?: boolean;
}

export interface ConfirmRequest {
  readonly message: string;
  readonly buttons: readonly ConfirmButton[];
  readonly resolve: (id: string) => void;
}

class DialogStore {
  current: ConfirmRequest | null = null;

  constructor() {
    makeObservable(this, { current: observableRef, open: action, answer: action });
  }

  /** Resolves with the id of the button pressed; 'cancel' when dismissed with Esc. */
  open(message: string, buttons: readonly ConfirmButton[]): Promise<string> {
    // A second request while one is open answers the first with 'cancel': never two dialogs at once.
    this.current?.resolve('cancel');
    return new Promise((resolve) => {
      this.current = { message, buttons, resolve };
    });
  }

  answer(id: string): void {
    const c = this.current;
    this.current = null;
    c?.resolve(id);
  }
}

export const dialogs = new DialogStore();
