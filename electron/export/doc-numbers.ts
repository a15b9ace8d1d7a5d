// The register of 发文字号 and the export log (tables of migration 0005), written through the one write path.
// Numbers run per 机关代字 and year; the 机关代字 of a document type is the office's (settings office.code)
// unless settings office.code.<docType> names another one (e.g. 天编办发 for the office's own 请示).
// The next number follows every number already on record: issued and cancelled rows here, and the numbers
// written on reforms and in the lineage (a number printed on a paper before this register existed).
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors';
import { formatDocNo, parseDocNo, PAPER_DOC_TYPE_LABELS, type DocNumber, type PaperDocType } from '../../shared/papers';
import type { Store } from '../../db/store';
import type { ExportLogEntry } from './files';
import type { DocNumberInfo, ExportLogInfo } from '../../shared/contract/export';

/** A number from the register, as the contract describes it (one definition for both sides). */
export type DocNumberRecord = DocNumberInfo;

export type ExportLogRecord = ExportLogInfo;

type DbRow = Record<string, string | number | null>;

const toRecord = (r: DbRow): DocNumberRecord => ({
  id: r.id as number, prefix: r.prefix as string, year: r.year as number, docType: r.doc_type as string, number: r.number as number,
  docNo: formatDocNo({ prefix: r.prefix as string, year: r.year as number, number: r.number as number }),
  status: r.status as 'issued' | 'cancelled', reformId: r.reform_id as number | null, title: r.title as string | null,
  issuedAt: r.issued_at as string, cancelledAt: r.cancelled_at as string | null,
});

/** The calendar year in China Standard Time. */
export const cstYear = (now = new Date()) => new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();

/** 机关代字 of a document type from the settings; a Chinese error when the office has none. */
export function prefixFor(settings: Record<string, string>, docType: string): string {
  const p = (settings[`office.code.${docType}`] ?? settings['office.code'] ?? '').trim();
  if (!p) throw new AppError('invalid_input', '尚未设置机关代字，请先在“设置”中填写“机关代字”（如 天编委发）', [{ path: 'office.code', message: '未设置' }]);
  return p;
}

/** Highest number on record for a prefix and year (0 when none), from every source named above. */
function highestNumber(db: Database.Database, prefix: string, year: number): number {
  let max = (db.prepare('SELECT coalesce(max(number), 0) AS n FROM doc_numbers WHERE prefix = ? AND year = ?').get(prefix, year) as { n: number }).n;
  const printed = db.prepare(`SELECT basis_doc_no AS d FROM reforms WHERE basis_doc_no LIKE @p
    UNION SELECT doc_no FROM lineage WHERE doc_no LIKE @p UNION SELECT basis_doc_no FROM reform_mappings WHERE basis_doc_no LIKE @p`)
    .all({ p: `${prefix}%${year}%` }) as { d: string | null }[];
  for (const { d } of printed) {
    const n = d ? parseDocNo(d) : null;
    if (n && n.prefix === prefix && n.year === year && n.number > max) max = n.number;
  }
  return max;
}

/** The number the next allocation would get, without taking it (previews). */
export function peekDocNo(db: Database.Database, prefix: string, year: number): DocNumber {
  return { prefix, year, number: highestNumber(db, prefix, year) + 1 };
}

export function allocateDocNo(store: Store, input: { docType: PaperDocType; year?: number; reformId?: number | null; title?: string | null }): DocNumberRecord {
  const prefix = prefixFor(store.settings(), input.docType);
  const year = input.year ?? cstYear();
  const label = PAPER_DOC_TYPE_LABELS[input.docType] ?? input.docType;
  // Inside the write path's IMMEDIATE transaction: no other writer can take the same number in between.
  const { result } = store.wp.mutate(`登记发文字号（${label}）`, (tx) => {
    const number = highestNumber(tx.db, prefix, year) + 1;
    return tx.insert('doc_numbers', {
      prefix, year, doc_type: input.docType, number, status: 'issued', reform_id: input.reformId ?? null, title: input.title ?? null,
      issued_at: new Date().toISOString(),
    }).id;
  }, 'baseline');
  return getDocNumber(store.db, result);
}

export function getDocNumber(db: Database.Database, id: number): DocNumberRecord {
  const r = db.prepare('SELECT * FROM doc_numbers WHERE id = ?').get(id) as DbRow | undefined;
  if (!r) throw new AppError('not_found', `发文字号登记不存在（#${id}）`);
  return toRecord(r);
}

/** Marks a number cancelled (作废). It stays on record and is never handed out again. */
export function cancelDocNo(store: Store, id: number): DocNumberRecord {
  const cur = getDocNumber(store.db, id);
  if (cur.status === 'cancelled') return cur;
  store.wp.mutate(`作废发文字号 ${cur.docNo}`, (tx) => tx.update('doc_numbers', id, { status: 'cancelled', cancelled_at: new Date().toISOString() }), 'baseline');
  return getDocNumber(store.db, id);
}

export function listDocNumbers(db: Database.Database, filter: { year?: number; reformId?: number } = {}): DocNumberRecord[] {
  const rows = db.prepare(`SELECT * FROM doc_numbers WHERE (@year IS NULL OR year = @year) AND (@reform IS NULL OR reform_id = @reform)
    ORDER BY year DESC, prefix, number DESC`).all({ year: filter.year ?? null, reform: filter.reformId ?? null }) as DbRow[];
  return rows.map(toRecord);
}

/** The latest number issued (not cancelled) for a reform and document type, or null. */
export function issuedFor(db: Database.Database, reformId: number, docType: string): DocNumber | null {
  const r = db.prepare(`SELECT prefix, year, number FROM doc_numbers WHERE reform_id = ? AND doc_type = ? AND status = 'issued' ORDER BY id DESC LIMIT 1`)
    .get(reformId, docType) as DocNumber | undefined;
  return r ? { prefix: r.prefix, year: r.year, number: r.number } : null;
}

/** Records exported files in one (baseline) history group. */
export function logExports(store: Store, entries: readonly ExportLogEntry[]): void {
  if (!entries.length) return;
  store.wp.mutate(`导出公文（${entries.length}份）`, (tx) => {
    for (const e of entries) {
      tx.insert('export_log', {
        at: e.at, doc_type: e.docType ?? '', template_id: e.templateId, version: e.version, sha256: e.sha256, file: e.file,
        reform_id: e.reformId === undefined || e.reformId === null ? null : Number(e.reformId), doc_no: e.docNo || null,
      });
    }
  }, 'baseline');
}

export function listExportLog(db: Database.Database, filter: { reformId?: number; limit?: number } = {}): ExportLogRecord[] {
  const rows = db.prepare(`SELECT * FROM export_log WHERE (@reform IS NULL OR reform_id = @reform) ORDER BY id DESC LIMIT @limit`)
    .all({ reform: filter.reformId ?? null, limit: filter.limit ?? 200 }) as DbRow[];
  return rows.map((r) => ({
    id: r.id as number, at: r.at as string, docType: r.doc_type as string, templateId: r.template_id as string, version: r.version as number,
    sha256: r.sha256 as string, file: r.file as string, reformId: r.reform_id as number | null, docNo: r.doc_no as string | null,
  }));
}
