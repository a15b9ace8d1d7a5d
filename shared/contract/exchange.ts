// Calls for exchange packages (交换包): offices that cannot share a network pass the register (or one
// county's part) on a USB stick as one signed file. Import is preview first, then one undoable apply.
import { z } from 'zod';
import type { TableName } from '../tables';
import { call } from './define';

export interface ExchangeExportResult {
  readonly file: string;
  readonly packageId: string;
  readonly county: string | null;
  readonly rows: number;
  readonly deleted: number;
  /** Fingerprint of the signing key: the receiving office compares it with the one you tell them. */
  readonly fingerprint: string;
  /** The public key file to give the receiving office once (they put it into trusted-keys). */
  readonly publicKeyFile: string;
}

/**
 * new: only there · changed: changed there only (taken) · deleted: deleted there, unchanged here (deleted)
 * conflict: both sides changed (or one changed, the other deleted) since the last exchange: choose per row.
 */
export type ExchangeStatus = 'new' | 'changed' | 'deleted' | 'conflict';
export type ConflictKind = 'both_changed' | 'changed_here_deleted_there' | 'deleted_here_changed_there';

export interface FieldDiff {
  readonly field: string;
  readonly zh: string;
  readonly mine: string | number | null;
  readonly theirs: string | number | null;
}

export interface ExchangeItem {
  /** The row's identity across offices; the key of a per-row choice. */
  readonly uid: string;
  readonly table: TableName;
  readonly tableZh: string;
  readonly name: string;
  readonly status: ExchangeStatus;
  readonly conflict: ConflictKind | null;
  /** The local row id (null for a row only the package has). */
  readonly localId: number | null;
  readonly fields: readonly FieldDiff[];
}

export interface ExchangePreview {
  readonly packageId: string;
  readonly office: string;
  readonly fingerprint: string;
  readonly createdAt: string;
  readonly county: string | null;
  /** History position at preview time; apply refuses when the data changed in between. */
  readonly baseGroupId: number;
  readonly counts: {
    readonly new: number; readonly changed: number; readonly deleted: number; readonly conflict: number;
    readonly unchanged: number; readonly changedHere: number; readonly deletedHere: number;
  };
  readonly byTable: Partial<Record<TableName, { readonly new: number; readonly changed: number; readonly deleted: number; readonly conflict: number }>>;
  readonly items: readonly ExchangeItem[];
  /** Values this office cannot store (unknown region, reference to a row neither side has …). */
  readonly problems: readonly string[];
}

export interface ExchangeApplyResult {
  readonly groupId: number;
  readonly label: string;
  readonly inserted: number;
  readonly updated: number;
  readonly deleted: number;
  readonly keptMine: number;
}

const file = z.string().trim().min(1).max(1000);
export const exchangeChoice = z.enum(['mine', 'theirs']);

export const EXCHANGE_CALLS = {
  'exchange.export': call<ExchangeExportResult>()(
    z.object({ file, county: z.string().regex(/^\d{6}$/, '县区代码应为6位数字').optional() }).strict(),
    { mutates: false },
  ),
  'exchange.preview': call<ExchangePreview>()(z.object({ file }).strict(), { mutates: false }),
  'exchange.apply': call<ExchangeApplyResult>()(
    z.object({
      file,
      choices: z.record(z.string().min(1).max(200), exchangeChoice).optional(),
      baseGroupId: z.number().int().min(0).optional(),
    }).strict(),
    { mutates: true },
  ),
};
