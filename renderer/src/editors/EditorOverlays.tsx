// What the editors lay over the whole window: the Ctrl+K search and the confirmation dialog. Mounted once
// by the application shell.
import { useEffect } from 'react';
import { observer } from 'mobx-react-lite';
import { ConfirmHost } from './ConfirmHost';
import { editorStore } from './editor-store';
import { SearchDialog } from './SearchDialog';

export const EditorOverlays = observer(function EditorOverlays() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        e.stopPropagation();
        editorStore.setSearchOpen(!editorStore.searchOpen);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
  return (
    <>
      {editorStore.searchOpen && <SearchDialog />}
      <ConfirmHost />
    </>
  );
});
