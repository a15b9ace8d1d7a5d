// Reads a snapshot of the register from the database: what is in force on one date within one region
// (a province, prefecture or county code; '' for the whole country).
import type Database from 'better-sqlite3';
import type { Snapshot } from '../../shared/rules/types';
import { CHILD_KINDS } from '../../shared/rules/types';

/** 620000 → '62', 620500 → '6205', 620523 → '620523', '' → '' (everything). */
export function regionPrefix(code: string | null | undefined): string {
  if (!code) return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

export const inRegion = (prefix: string) => (code: string): boolean => code.startsWith(prefix);

const inForce = (alias: string) =>
  `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= @asOf) AND (${alias}.valid_to IS NULL OR ${alias}.valid_to > @asOf)`;

export function loadSnapshot(db: Database.Database, asOf: string, regionCode?: string | null): Snapshot {
  const params = { asOf, prefix: `${regionPrefix(regionCode)}%` };
  const scope = `SELECT a.id FROM agencies a WHERE ${inForce('a')} AND a.host_region_code LIKE @prefix`;
  const all = <T>(sql: string): T[] => db.prepare(sql).all(params) as T[];
  const snapshot: Snapshot = {
    asOf,
    agencies: all(`SELECT * FROM agencies a WHERE ${inForce('a')} AND a.host_region_code LIKE @prefix ORDER BY a.id`),
    zones: all(`SELECT * FROM zones z WHERE ${inForce('z')} AND (z.management_agency_id IN (${scope}) OR (z.management_agency_id IS NULL AND z.host_region_code LIKE @prefix)) ORDER BY z.id`),
    nameplates: [], departments: [], staffing: [], posts: [], functions: [], dispatched: [],
  };
  for (const k of CHILD_KINDS) {
    (snapshot[k.key] as unknown[]) = all(`SELECT * FROM ${k.table} c WHERE ${inForce('c')} AND c.${k.agencyColumn} IN (${scope}) ORDER BY c.id`);
  }
  return snapshot;
}

/** County code → name, for messages ("秦安县有2个工业类开发区管理机构"). */
export function countyNames(db: Database.Database): (code: string) => string {
  const cache = new Map<string, string>();
  const stmt = db.prepare('SELECT name FROM regions WHERE code = ?');
  return (code) => {
    let n = cache.get(code);
    if (n === undefined) {
      n = (stmt.get(code) as { name: string } | undefined)?.name ?? code;
      cache.set(code, n);
    }
    return n;
  };
}

export function regionName(db: Database.Database, code: string): string {
  return (db.prepare('SELECT name FROM regions WHERE code = ?').get(code) as { name: string } | undefined)?.name ?? code;
}
