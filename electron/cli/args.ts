// Small helpers shared by CLI commands: option parsing with Chinese errors, and the data folder.
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultDataDir } from '../main/paths';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 2) {
    super(message);
  }
}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options: { ...options, 'data-dir': { type: 'string' }, json: { type: 'boolean' } }, allowPositionals: true, strict: true });
  } catch (e) {
    throw new CliError(`参数有误：${(e as Error).message}`);
  }
}

export function dataDirOf(values: { 'data-dir'?: unknown }): string {
  return typeof values['data-dir'] === 'string' ? path.resolve(values['data-dir']) : defaultDataDir();
}

export type Command = (argv: string[]) => Promise<number> | number;
