// Counts of what is in force on a date, computed in SQL (never hand-maintained totals).
import type Database from 'better-sqlite3';
import type { Stats } from '../shared/contract';
import { ENUMS } from '../shared/enums';
import { todayCst } from '../shared/text';
import { IN_FORCE } from './rows';

function zeroes(keys: readonly { key: string }[]): Record<string, number> {
  return Object.fromEntries(keys.map((k) => [k.key, 0]));
}

export function computeStats(db: Database.Database, asOf: string = todayCst()): Stats {
  const p = { asOf };
  const count = (sql: string): number => (db.prepare(sql).get(p) as { n: number }).n;
  const grouped = (sql: string, into: Record<string, number>) => {
    for (const r of db.prepare(sql).all(p) as { k: string | null; n: number }[]) into[r.k ?? 'other'] = (into[r.k ?? 'other'] ?? 0) + r.n;
    return into;
  };
  const mgmt = `FROM agencies WHERE agency_kind = 'zone_mgmt' AND ${IN_FORCE}`;
  const approved = zeroes(ENUMS.staffing_type);
  const actual = zeroes(ENUMS.staffing_type);
  for (const r of db.prepare(`SELECT staffing_type AS k, sum(approved) AS a, sum(coalesce(actual, 0)) AS b FROM staffing WHERE ${IN_FORCE} GROUP BY staffing_type`).all(p) as { k: string; a: number; b: number }[]) {
    approved[r.k] = r.a;
    actual[r.k] = r.b;
  }
  return {
    asOf,
    agencies: {
      total: count(`SELECT count(*) AS n ${mgmt}`),
      byGroup: grouped(`SELECT type_group AS k, count(*) AS n ${mgmt} GROUP BY type_group`, zeroes(ENUMS.type_group)),
      byCounty: grouped(`SELECT host_region_code AS k, count(*) AS n ${mgmt} GROUP BY host_region_code`, {}),
    },
    zones: { total: count(`SELECT count(*) AS n FROM zones WHERE ${IN_FORCE}`) },
    departments: { total: count(`SELECT count(*) AS n FROM departments WHERE ${IN_FORCE}`) },
    staffing: { approved, actual },
    publicInstitutions: { total: count(`SELECT count(*) AS n FROM agencies WHERE agency_kind = 'public_institution' AND ${IN_FORCE}`) },
    dispatchedUnits: { total: count(`SELECT count(*) AS n FROM dispatched_units WHERE coalesce(unit_status, 'kept') <> 'revoked' AND ${IN_FORCE}`) },
  };
}
