// 历史沿革: the lineage rows written by applied reforms, for one agency (following its predecessors and
// successors) or for one reform.
import type Database from 'better-sqlite3';
import type { LineageEntry } from '../../shared/reform/api-types';

type DbRow = Record<string, string | number | null>;

const SELECT = `SELECT l.*, fa.full_name AS from_name, ta.full_name AS to_name, r.name AS reform_name
  FROM lineage l LEFT JOIN agencies fa ON fa.id = l.from_agency_id LEFT JOIN agencies ta ON ta.id = l.to_agency_id
  LEFT JOIN reforms r ON r.id = l.reform_id`;

const toEntry = (r: DbRow): LineageEntry => ({
  id: r.id as number, fromAgencyId: r.from_agency_id as number | null, fromName: r.from_name as string | null,
  toAgencyId: r.to_agency_id as number | null, toName: r.to_name as string | null, action: r.action as string,
  reformId: r.reform_id as number | null, reformName: r.reform_name as string | null, effectiveDate: r.effective_date as string,
  docNo: r.doc_no as string | null, note: r.note as string | null,
});

/**
 * The agency's lineage, oldest first: its predecessors (what was renamed into it or merged into it, and
 * theirs in turn) and its successors (what it became), not siblings merged into the same successor.
 */
export function agencyLineage(db: Database.Database, agencyId: number): LineageEntry[] {
  const rows = new Map<number, DbRow>();
  const walk = (sql: string, next: 'from_agency_id' | 'to_agency_id') => {
    const stmt = db.prepare(`${SELECT} WHERE ${sql} = ?`);
    const seen = new Set<number>([agencyId]);
    const queue = [agencyId];
    while (queue.length) {
      for (const r of stmt.all(queue.shift()!) as DbRow[]) {
        rows.set(r.id as number, r);
        const other = r[next];
        if (typeof other === 'number' && !seen.has(other)) { seen.add(other); queue.push(other); }
      }
    }
  };
  walk('l.to_agency_id', 'from_agency_id');
  walk('l.from_agency_id', 'to_agency_id');
  return [...rows.values()].sort((a, b) => String(a.effective_date).localeCompare(String(b.effective_date)) || (a.id as number) - (b.id as number)).map(toEntry);
}

export function reformLineage(db: Database.Database, reformId: number): LineageEntry[] {
  return (db.prepare(`${SELECT} WHERE l.reform_id = ? ORDER BY l.id`).all(reformId) as DbRow[]).map(toEntry);
}
