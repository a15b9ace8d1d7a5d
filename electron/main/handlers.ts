// The one handler table. Its type is checked against the contract: a call without a handler, or a
// handler with the wrong input or output, fails `npm run typecheck`.
import type { CallName } from '../../shared/contract';
import { coreHandlers, type HandlerTable } from './handlers-core';
import { backupHandlers } from './handlers-backup';
import { exchangeHandlers } from './handlers-exchange';
import { importHandlers } from './handlers-import';
import { editorHandlers } from './handlers-editors';
import { reformHandlers } from './handlers-reform';
import { exportHandlers } from './handlers-export';
import { reformUiHandlers } from './handlers-reform-ui';

export const HANDLERS: HandlerTable<CallName> = {
  ...coreHandlers,
  ...backupHandlers,
  ...exchangeHandlers,
  ...importHandlers,
  ...editorHandlers,
  ...reformHandlers,
  ...reformUiHandlers,
  ...exportHandlers,
};
