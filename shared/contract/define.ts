// The building block of the contract: a named call with its zod input schema, whether it writes,
// and (by a phantom type) its output. Each feature declares its calls in its own file; index.ts joins them.
import { z } from 'zod';

export interface CallSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly mutates: boolean;
  /** Phantom field carrying the output type; never set at run time. */
  readonly _output?: O;
}

export function call<O>() {
  return <I extends z.ZodType>(input: I, opts: { mutates: boolean }): CallSpec<I, O> => ({
    input,
    mutates: opts.mutates,
  });
}

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为YYYY-MM-DD');
export const rowId = z.number().int().positive();
export const label = z.string().trim().min(1).max(200).optional();
