// Handlers of the exchange-package calls. Apply takes a pre-import backup first, then writes one history group.
import type { HandlerTable } from './handlers-core';
import type { EXCHANGE_CALLS } from '../../shared/contract/exchange';
import { backupBeforeImport } from '../../db/backup';
import { exportExchange } from '../exchange/export';
import { analyse } from '../exchange/preview';
import { applyExchange } from '../exchange/apply';
import { queued } from './backup-service';

export const exchangeHandlers = {
  'exchange.export': (input, ctx) => exportExchange(ctx.store, { file: input.file, county: input.county }),
  'exchange.preview': (input, ctx) => analyse(ctx.store, input.file).preview,
  'exchange.apply': async (input, ctx) => {
    // Refuse a bad package before spending time on a backup; the apply re-analyses if data changed meanwhile.
    const analysis = analyse(ctx.store, input.file);
    await queued(ctx, () => backupBeforeImport(ctx.store));
    const result = applyExchange(ctx.store, analysis, { choices: input.choices, baseGroupId: input.baseGroupId });
    ctx.store.invalidateCaches();
    ctx.emit('data.changed', null); // many rows at once: views reload
    ctx.emit('history.changed', ctx.store.history.state());
    return result;
  },
} satisfies HandlerTable<keyof typeof EXCHANGE_CALLS>;
