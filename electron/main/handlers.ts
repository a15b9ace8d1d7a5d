// The one handler table. Its type is checked against the contract: a call without a handler, or a
// handler with the wrong input or output, fails `npm run typecheck`.
import type { CallName } from '../../shared/contract';
import { coreHandlers, type HandlerTable } from './handlers-core';
import { editorHandlers } from './handlers-editors';

export const HANDLERS: HandlerTable<CallName> = {
  ...coreHandlers,
  ...editorHandlers,
};
