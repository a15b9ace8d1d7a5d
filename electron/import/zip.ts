// The ZIP container of an .xlsx, read from its central directory and checked before any XML is parsed.
// A sequential ZIP reader trusts every local header; a truncated, padded or bit-flipped file can make it
// stall or throw from deep inside a stream. So we locate the few parts we need from the central directory,
// check each local header against it, and CRC-check every byte we inflate (xlsx-read.ts reads the parts).
import zlib from 'node:zlib';
import { Writable, pipeline as pipelineCb } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors';
import type { ByteSource } from './source';
import { fileError } from './source';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compSize: number;
  readonly size: number;
  /** Where the compressed bytes start in the file (after the local header). */
  readonly dataStart: number;
}

const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const BROKEN = '文件已损坏或不完整（可能在下载、复制时被截断），无法作为Excel工作簿读取';

export function isZip(head: Buffer): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6);
}

export function isCfb(head: Buffer): boolean {
  return head.length >= 8 && head.subarray(0, 8).equals(CFB_MAGIC);
}

/** OLE compound files: either a password-protected .xlsx (Excel wraps it in CFB) or a legacy .xls. */
export function cfbError(src: ByteSource): Error {
  const scan = src.read(0, Math.min(src.size, 8 * 1024 * 1024));
  if (scan.includes(Buffer.from('EncryptedPackage', 'utf16le')) || scan.includes(Buffer.from('EncryptionInfo', 'utf16le'))) {
    return fileError(src.name, '文件已加密，请先在Excel中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码后保存），再导入');
  }
  return fileError(src.name, '这是旧版Excel文件（.xls格式），本软件只能导入.xlsx和.csv文件。请在Excel或WPS中“另存为”Excel工作簿（.xlsx）后再导入');
}

/** Reads the central directory. Every inconsistency is a refusal: we never guess at a damaged file. */
export function readZipDirectory(src: ByteSource): Map<string, ZipEntry> {
  const tailLen = Math.min(src.size, 65_535 + 22);
  const tail = src.read(src.size - tailLen, tailLen);
  let eocd = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  if (eocd < 0) throw fileError(src.name, `${BROKEN}：找不到ZIP目录`);
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  const eocdPos = src.size - tailLen + eocd;
  if (count === 0xffff || cdOffset === 0xffffffff) throw fileError(src.name, '文件过大（ZIP64格式），请拆分后导入');
  if (cdOffset + cdSize > eocdPos || count === 0) throw fileError(src.name, `${BROKEN}：ZIP目录位置无效`);
  const cd = src.read(cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== 0x02014b50) throw fileError(src.name, `${BROKEN}：ZIP目录第${i + 1}项无效`);
    const flags = cd.readUInt16LE(p + 8);
    const method = cd.readUInt16LE(p + 10);
    const crc = cd.readUInt32LE(p + 16);
    const compSize = cd.readUInt32LE(p + 20);
    const size = cd.readUInt32LE(p + 24);
    const nameLen = cd.readUInt16LE(p + 28);
    const extraLen = cd.readUInt16LE(p + 30);
    const commentLen = cd.readUInt16LE(p + 32);
    const localOffset = cd.readUInt32LE(p + 42);
    if (p + 46 + nameLen > cd.length) throw fileError(src.name, `${BROKEN}：ZIP目录被截断`);
    const name = cd.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (flags & 1) throw fileError(src.name, '文件已加密，请先在Excel中取消密码，再导入');
    if (compSize === 0xffffffff || size === 0xffffffff) throw fileError(src.name, '文件过大（ZIP64格式），请拆分后导入');
    entries.set(name, { name, method, crc, compSize, size, dataStart: -localOffset - 1 });
  }
  return entries;
}

/** Checks the entry's local header against the directory and finds where its data starts. */
export function locate(src: ByteSource, e: ZipEntry): ZipEntry {
  if (e.dataStart >= 0) return e;
  const localOffset = -e.dataStart - 1;
  const head = src.read(localOffset, 30);
  if (head.length < 30 || head.readUInt32LE(0) !== 0x04034b50) throw fileError(src.name, `${BROKEN}：“${e.name}”的文件头无效`);
  const method = head.readUInt16LE(8);
  const nameLen = head.readUInt16LE(26);
  const extraLen = head.readUInt16LE(28);
  const localName = src.read(localOffset + 30, nameLen).toString('utf8');
  if (method !== e.method || localName !== e.name) throw fileError(src.name, `${BROKEN}：“${e.name}”的文件头与目录不一致`);
  if (e.method !== 0 && e.method !== 8) throw fileError(src.name, `文件使用了不支持的压缩方式（${e.method}），请在Excel中重新保存后导入`);
  const dataStart = localOffset + 30 + nameLen + extraLen;
  if (dataStart + e.compSize > src.size) throw fileError(src.name, `${BROKEN}：“${e.name}”的数据不完整`);
  return { ...e, dataStart };
}

/** Thrown by a consumer to stop reading an entry early; not an error. */
export class StopReading extends Error {}

/**
 * Streams an entry's uncompressed bytes to `onChunk`, checking size and CRC at the end. `onChunk` may
 * throw StopReading to stop early (then the CRC is not checked: the caller has seen enough).
 */
export async function inflateEntry(src: ByteSource, entry: ZipEntry, maxBytes: number, onChunk: (chunk: Buffer) => void): Promise<void> {
  const e = locate(src, entry);
  if (e.size > maxBytes) throw fileError(src.name, `工作簿中的“${e.name}”解压后过大（${(e.size / 1048576).toFixed(0)} MB），请拆分后导入`);
  let crc = 0;
  let total = 0;
  const check = new Writable({
    write(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > e.size) { done(fileError(src.name, `${BROKEN}：“${e.name}”的长度与目录不符`)); return; }
      crc = zlib.crc32(chunk, crc);
      try { onChunk(chunk); done(); } catch (err) { done(err as Error); }
    },
  });
  const input = src.stream(e.dataStart, e.dataStart + e.compSize);
  try {
    if (e.method === 8) await pipeline(input, zlib.createInflateRaw(), check);
    else await pipeline(input, check);
  } catch (err) {
    if (err instanceof StopReading) return;
    if (err instanceof AppError) throw err;
    throw fileError(src.name, `${BROKEN}：“${e.name}”解压失败`);
  }
  if (total !== e.size || (crc >>> 0) !== (e.crc >>> 0)) throw fileError(src.name, `${BROKEN}：“${e.name}”校验失败`);
}

/** A small entry (workbook.xml, rels) as text, CRC-checked. */
export async function entryText(src: ByteSource, entry: ZipEntry, maxBytes = 64 * 1024 * 1024): Promise<string> {
  const parts: Buffer[] = [];
  await inflateEntry(src, entry, maxBytes, (c) => { parts.push(c); });
  return Buffer.concat(parts).toString('utf8');
}

// 256 KB pieces: zlib's default 16 KB makes inflating a 30 MB sheet part several times slower (per-chunk
// overhead on the main thread), and a quarter megabyte is still small for memory.
const CHUNK = 256 * 1024;

/**
 * An entry's uncompressed bytes as an async sequence of chunks, pulled by the consumer (so a slow consumer
 * holds back the inflater: bounded memory), with the same size and CRC checks as inflateEntry at the end.
 * Inflation runs on libuv's thread pool and reads ahead while the consumer parses the previous chunk.
 */
export async function* entryChunks(src: ByteSource, entry: ZipEntry, maxBytes: number): AsyncGenerator<Buffer> {
  const e = locate(src, entry);
  if (e.size > maxBytes) throw fileError(src.name, `工作簿中的“${e.name}”解压后过大（${(e.size / 1048576).toFixed(0)} MB），请拆分后导入`);
  const input = src.stream(e.dataStart, e.dataStart + e.compSize);
  const output = e.method === 8 ? zlib.createInflateRaw({ chunkSize: CHUNK }) : null;
  // pipeline() forwards a read error of the input to the inflater, so that the loop below sees it.
  if (output) pipelineCb(input, output, () => {});
  let crc = 0;
  let total = 0;
  try {
    for await (const chunk of (output ?? input) as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > e.size) throw fileError(src.name, `${BROKEN}：“${e.name}”的长度与目录不符`);
      crc = zlib.crc32(chunk, crc);
      yield chunk;
    }
  } catch (err) {
    if (err instanceof AppError || err instanceof StopReading) throw err;
    throw fileError(src.name, `${BROKEN}：“${e.name}”解压失败`);
  } finally {
    input.destroy();
    output?.destroy();
  }
  if (total !== e.size || (crc >>> 0) !== (e.crc >>> 0)) throw fileError(src.name, `${BROKEN}：“${e.name}”校验失败`);
}
