// What every reader of an import file shares: the byte source (a file on disk or the bytes the
// browser sent), the limits, the raw cell model and the Chinese errors that say where a problem is.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../../shared/errors';

export interface ImportLimits {
  /** Rows in the sheet (title and header rows included); more is refused before anything is checked. */
  readonly maxRows: number;
  /** Excel's own limit for one cell; longer text cannot have come from Excel and is refused per row. */
  readonly maxCellChars: number;
  readonly maxFileBytes: number;
  /** Guards against zip bombs: the sum of the uncompressed parts we read. */
  readonly maxUncompressedBytes: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxRows: 200_000,
  maxCellChars: 32_767,
  maxFileBytes: 1024 * 1024 * 1024,
  maxUncompressedBytes: 2 * 1024 * 1024 * 1024,
};

/** A cell that cannot be used, with the reason (formula without a cached result, #N/A, too long …). */
export interface CellProblem {
  readonly problem: string;
}
export type RawCell = string | number | boolean | Date | null | CellProblem;

export interface RawRow {
  /** The spreadsheet's own row number (1-based), as the user sees it in Excel. */
  readonly row: number;
  /** Index 0 = column A. */
  readonly cells: RawCell[];
}

export interface MergeRange {
  readonly ref: string;
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface OpenedSheet {
  readonly format: 'xlsx' | 'csv';
  readonly sheetName: string | null;
  /** For CSV: the detected encoding (utf-8, gb18030, utf-16le …). */
  readonly encoding: string | null;
  readonly merges: readonly MergeRange[];
  /** Rows counted before reading (an upper bound), for progress. */
  readonly totalRows?: number;
  rows(): AsyncIterable<RawRow>;
}

export const isProblem = (c: RawCell): c is CellProblem =>
  typeof c === 'object' && c !== null && !(c instanceof Date) && typeof (c as CellProblem).problem === 'string';

/** Random access to the input bytes, whether they live in a file or in memory. */
export interface ByteSource {
  readonly name: string;
  readonly size: number;
  read(pos: number, len: number): Buffer;
  /** A stream of bytes [start, end). */
  stream(start: number, end: number): Readable;
  close(): void;
}

export function fileSource(file: string, limits: ImportLimits = DEFAULT_LIMITS): ByteSource {
  const name = path.basename(file);
  let fd: number;
  let size: number;
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) throw fileError(name, `“${file}”是文件夹，不是文件`);
    size = st.size;
    fd = fs.openSync(file, 'r');
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? '文件不存在' : code === 'EACCES' || code === 'EPERM' ? '没有读取权限' : code === 'EBUSY' ? '文件被其他程序占用（请先在Excel中关闭）' : '无法打开';
    throw fileError(name, `无法读取文件“${file}”：${why}`);
  }
  checkSize(name, size, limits);
  return {
    name,
    size,
    read(pos, len) {
      const n = Math.max(0, Math.min(len, size - pos));
      const buf = Buffer.alloc(n);
      let done = 0;
      while (done < n) {
        const got = fs.readSync(fd, buf, done, n - done, pos + done);
        if (got === 0) break;
        done += got;
      }
      return done === n ? buf : buf.subarray(0, done);
    },
    stream(start, end) {
      if (end <= start) return Readable.from([]);
      return fs.createReadStream(file, { start, end: end - 1, highWaterMark: 256 * 1024 });
    },
    close() {
      try { fs.closeSync(fd); } catch { /* already closed */ }
    },
  };
}

export function bufferSource(name: string, buf: Buffer, limits: ImportLimits = DEFAULT_LIMITS): ByteSource {
  checkSize(name, buf.length, limits);
  return {
    name,
    size: buf.length,
    read: (pos, len) => buf.subarray(pos, Math.min(buf.length, pos + len)),
    stream(start, end) {
      // Chunks like a file stream's, so that the readers behave the same for both sources. Each chunk
      // waits one turn of the event loop, as a disk read does: without it a job reading from memory runs
      // to its end in microtasks and the host cannot answer the user's 取消 (or send progress) meanwhile.
      const slice = buf.subarray(start, Math.max(start, end));
      return Readable.from((async function* chunks() {
        for (let i = 0; i < slice.length; i += 256 * 1024) {
          if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
          yield slice.subarray(i, i + 256 * 1024);
        }
      })());
    },
    close() {},
  };
}

function checkSize(name: string, size: number, limits: ImportLimits): void {
  if (size === 0) throw fileError(name, `文件“${name}”是空文件（0字节），没有可导入的内容`);
  if (size > limits.maxFileBytes) {
    throw fileError(name, `文件“${name}”过大（${(size / 1048576).toFixed(0)} MB），超过导入上限${(limits.maxFileBytes / 1048576).toFixed(0)} MB，请拆分后分批导入`);
  }
}

export interface Where {
  readonly file: string;
  readonly sheet?: string | null;
  readonly row?: number;
  readonly column?: string;
}

/** A refusal of the whole file, with where it happened. The message always names the file. */
export function fileError(file: string, message: string, where: Omit<Where, 'file'> = {}): AppError {
  const place = [where.sheet ? `工作表“${where.sheet}”` : '', where.row ? `第${where.row}行` : '', where.column ? `${where.column}列` : ''].filter(Boolean).join(' ');
  return new AppError('invalid_input', message.includes(file) ? message : `${message}（文件“${file}”${place ? ` ${place}` : ''}）`, [
    { file, path: where.sheet ?? undefined, row: where.row, column: where.column, message },
  ]);
}

export function cancelledError(): AppError {
  return new AppError('cancelled', '导入已取消，数据库未做任何改动。');
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw cancelledError();
}

/** 0 → "A", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" → 26; null when not a column name. */
export function columnIndex(letters: string): number | null {
  if (!/^[A-Z]{1,3}$/.test(letters)) return null;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}
