// Export: the register, or one county's part (agencies and zones whose host county it is, plus the rows
// that hang under them), with the rows deleted here since they were created (so the other office can
// delete them too), signed with this office's key. Reading only: an export never writes to the database.
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { TABLES, type Row, type TableName } from '../../shared/tables';
import type { ExchangeExportResult } from '../../shared/contract/exchange';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import type { Store } from '../../db/store';
import { APP_VERSION } from '../main/version';
import { newPackageId, PACKAGE_FORMAT, PACKAGE_FORMAT_VERSION, writePackage, type PackageRow, type PackageTombstone, type Payload } from './format';
import { EXCHANGE_ORDER, Identity, deletedRows, hashValues, pastHashes, seenHashes, toValues } from './identity';
import { officeKey } from './keys';

export interface ExportOptions {
  readonly file: string;
  /** A county-level region code: only that county's part. */
  readonly county?: string;
  /** PEM private key; default: the office key in <dataDir>/keys. */
  readonly keyFile?: string;
  readonly now?: Date;
}

/** The column tying a row to its parent in scope: an agency (most tables) or a zone (indicators). */
function parentOf(table: TableName): { col: string; parent: 'agencies' | 'zones' } | null {
  if (table === 'indicators') return { col: 'zone_id', parent: 'zones' };
  const col = TABLES[table].agencyColumn;
  return col ? { col, parent: 'agencies' } : null;
}

function inScope(table: TableName, row: Row, county: string | null, ids: Record<'agencies' | 'zones', Set<number>>): boolean {
  if (county === null) return true;
  if (table === 'agencies' || table === 'zones') return row.host_region_code === county;
  const p = parentOf(table);
  return !!p && ids[p.parent].has(Number(row[p.col]));
}

export function buildPayload(store: Store, county: string | null, now: Date): Payload {
  const db = store.db;
  if (county !== null) {
    const region = db.prepare('SELECT level FROM regions WHERE code = ?').get(county) as { level: string } | undefined;
    if (!region) throw new AppError('invalid_input', `行政区划代码不存在：${county}`);
    if (region.level !== 'county') throw new AppError('invalid_input', `按县区导出需要县级行政区划代码，${county} 不是县级`);
  }
  const identity = new Identity(db);
  const history = pastHashes(identity, EXCHANGE_ORDER);
  const seen = seenHashes(db);
  // Earlier values: every value the row had here, and the other offices' values it was preferred over.
  const past = (table: TableName, id: number, uid: string) => [...new Set([...(history.get(`${table}:${id}`) ?? []), ...(seen.get(uid) ?? [])])];
  const gone = deletedRows(db, EXCHANGE_ORDER);
  const ids = { agencies: new Set<number>(), zones: new Set<number>() };
  const tables: Partial<Record<TableName, PackageRow[]>> = {};
  // Parents first, so their ids are known when their children are filtered.
  for (const table of EXCHANGE_ORDER) {
    const out: PackageRow[] = [];
    for (const row of db.prepare(`SELECT * FROM ${table} ORDER BY id`).iterate() as Iterable<Row>) {
      if (!inScope(table, row, county, ids)) continue;
      if (table === 'agencies' || table === 'zones') ids[table].add(row.id);
      const v = toValues(identity, table, row);
      const h = hashValues(v);
      const u = identity.uidOf(table, row.id);
      out.push({ u, v, p: past(table, row.id, u).filter((x) => x !== h) });
    }
    if (out.length) tables[table] = out;
  }
  // Deleted parents join the scope by their last image, so their deleted children travel with them.
  const deleted: PackageTombstone[] = [];
  for (const table of EXCHANGE_ORDER) {
    for (const g of gone.values()) {
      if (g.table !== table || !inScope(table, g.last, county, ids)) continue;
      const u = identity.uidOf(table, g.id);
      // The row came back under another local id (re-imported after its deletion here): it lives on.
      const now = identity.rowOf(u);
      if (!now || now.id !== g.id) continue;
      if (table === 'agencies' || table === 'zones') ids[table].add(g.id);
      deleted.push({ t: table, u, p: past(table, g.id, u) });
    }
  }
  return {
    format: PACKAGE_FORMAT,
    formatVersion: PACKAGE_FORMAT_VERSION,
    packageId: newPackageId(),
    createdAt: now.toISOString(),
    appVersion: APP_VERSION,
    schemaVersion: LATEST_SCHEMA_VERSION,
    office: { id: identity.officeId, name: store.settings()['office.name'] ?? '' },
    county,
    tables,
    deleted,
  };
}

export function exportExchange(store: Store, opts: ExportOptions): ExchangeExportResult {
  const key = officeKey(store, opts.keyFile);
  const payload = buildPayload(store, opts.county ?? null, opts.now ?? new Date());
  const file = path.resolve(opts.file);
  writePackage(file, payload, key);
  return {
    file,
    packageId: payload.packageId,
    county: payload.county,
    rows: Object.values(payload.tables).reduce((n, rows) => n + (rows?.length ?? 0), 0),
    deleted: payload.deleted.length,
    fingerprint: key.fingerprint,
    publicKeyFile: key.publicKeyFile,
  };
}
