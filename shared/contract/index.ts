// The one contract between renderer and main process. Both transports (Electron IPC and the loopback
// HTTP host) dispatch into a handler table typed against CALLS, so a missing handler fails the type check.
import { z } from 'zod';
import { CORE_CALLS } from './core';
import { BACKUP_CALLS } from './backup';
import { EXCHANGE_CALLS } from './exchange';
import { IMPORT_CALLS } from './import';
import { EDITOR_CALLS } from './editors';
import type { CallSpec } from './define';
import { REFORM_CALLS } from './reform';
import { EXPORT_CALLS } from './export';
import { REFORM_UI_CALLS } from './reform-ui';

export * from './core';
export * from './backup';
export * from './exchange';
export type { CallSpec } from './define';

export const CALLS = {
  ...CORE_CALLS,
  ...BACKUP_CALLS,
  ...EXCHANGE_CALLS,
  ...IMPORT_CALLS,
  ...EDITOR_CALLS,
  ...REFORM_CALLS,
  ...REFORM_UI_CALLS,
  ...EXPORT_CALLS,
};

export type Calls = typeof CALLS;
export type CallName = keyof Calls;
export type CallInput<N extends CallName> = z.input<Calls[N]['input']>;
export type ParsedInput<N extends CallName> = z.output<Calls[N]['input']>;
export type CallOutput<N extends CallName> = Calls[N] extends CallSpec<z.ZodType, infer O> ? O : never;

export const CALL_NAMES = Object.keys(CALLS) as CallName[];
export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(CALLS, name);
}

/** Push events from main to renderer. */
export const EVENTS = ['data.changed', 'history.changed', 'job.progress'] as const;
export type EventName = (typeof EVENTS)[number];
