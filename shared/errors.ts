// Structured errors that cross from the main process to the renderer: a code, a Chinese message,
// and details naming what and where (call, field, row, column). Never a stack trace.

export type ErrorCode =
  | 'invalid_input'
  | 'unknown_call'
  | 'not_found'
  | 'conflict'
  | 'rule_violation'
  | 'unauthorized'
  | 'db_newer_version'
  | 'db_corrupt'
  | 'db_readonly'
  | 'disk_full'
  | 'cancelled'
  | 'internal';

export interface ErrorDetail {
  /** Where: a field path like "edits[2].value", or "第3行 第2列". */
  readonly path?: string;
  readonly message: string;
  readonly row?: number;
  readonly column?: string;
  readonly file?: string;
}

export interface AppErrorShape {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: readonly ErrorDetail[];
}

export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;
  readonly details?: readonly ErrorDetail[];
  constructor(code: ErrorCode, message: string, details?: readonly ErrorDetail[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toJSON(): AppErrorShape {
    return { code: this.code, message: this.message, details: this.details };
  }
}

export type CallResult<T> = { ok: true; data: T } | { ok: false; error: AppErrorShape };

export function isAppErrorShape(x: unknown): x is AppErrorShape {
  return typeof x === 'object' && x !== null && typeof (x as AppErrorShape).code === 'string'
    && typeof (x as AppErrorShape).message === 'string';
}
