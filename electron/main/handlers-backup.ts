// Handlers of the backup calls. A restore swaps ctx.store and tells every window that all data changed.
import type { HandlerTable } from './handlers-core';
import { createContextBackup, listContextBackups, restoreIntoContext } from './backup-service';
import type { BACKUP_CALLS } from '../../shared/contract/backup';

export const backupHandlers = {
  'backup.list': (_input, ctx) => listContextBackups(ctx),
  'backup.create': (input, ctx) => createContextBackup(ctx, input.folder),
  'backup.restore': async (input, ctx) => {
    const result = await restoreIntoContext(ctx, input.file);
    ctx.emit('data.changed', null);
    ctx.emit('history.changed', ctx.store.history.state());
    return result;
  },
} satisfies HandlerTable<keyof typeof BACKUP_CALLS>;
