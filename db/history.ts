// Undo, redo and the audit trail, read from the history groups the write path records.
// Undo is linear as in every editor: it takes back the newest applied edit; redo re-applies the most
// recently undone one; a new edit discards what could have been redone. All of it survives a restart
// because the state lives in the database, not in memory.
import type Database from 'better-sqlite3';
import type { ChangeResult, HistoryEntry, HistoryState } from '../shared/contract';
import type { Row } from '../shared/tables';
import type { WritePath } from './write-path';

interface GroupRow {
  id: number;
  label: string;
  at: string;
  os_user: string;
  operator: string;
  kind: HistoryEntry['kind'];
  state: HistoryEntry['state'];
  target_group_id: number | null;
  change_count?: number;
}

interface ChangeRow {
  seq: number;
  tbl: string;
  row_id: number;
  before_json: string | null;
  after_json: string | null;
}

const toEntry = (g: GroupRow): HistoryEntry => ({
  id: g.id, label: g.label, at: g.at, osUser: g.os_user, operator: g.operator, kind: g.kind, state: g.state,
  changeCount: g.change_count ?? 0, targetGroupId: g.target_group_id,
});

export class History {
  constructor(private readonly wp: WritePath) {}

  private get db(): Database.Database {
    return this.wp.db;
  }

  private lastUndoable(): GroupRow | undefined {
    return this.db.prepare(`SELECT * FROM history_group WHERE kind = 'edit' AND state = 'applied' ORDER BY id DESC LIMIT 1`).get() as GroupRow | undefined;
  }

  private firstRedoable(): GroupRow | undefined {
    // Undone groups form a contiguous tail; the lowest id among them was undone last.
    return this.db.prepare(`SELECT * FROM history_group WHERE kind = 'edit' AND state = 'undone' ORDER BY id ASC LIMIT 1`).get() as GroupRow | undefined;
  }

  changesOf(groupId: number): ChangeRow[] {
    return this.db.prepare('SELECT seq, tbl, row_id, before_json, after_json FROM history_change WHERE group_id = ? ORDER BY seq').all(groupId) as ChangeRow[];
  }

  undo(): ChangeResult | null {
    const g = this.lastUndoable();
    if (!g) return null;
    const items = this.changesOf(g.id).reverse().map((c) => ({ table: c.tbl, id: c.row_id, image: parse(c.before_json) }));
    const { change } = this.wp.mutate(`撤销：${g.label}`, (tx) => {
      this.wp.restoreImages(tx, items);
      tx.db.prepare(`UPDATE history_group SET state = 'undone' WHERE id = ?`).run(g.id);
    }, 'undo', g.id);
    return change;
  }

  redo(): ChangeResult | null {
    const g = this.firstRedoable();
    if (!g) return null;
    const items = this.changesOf(g.id).map((c) => ({ table: c.tbl, id: c.row_id, image: parse(c.after_json) }));
    const { change } = this.wp.mutate(`重做：${g.label}`, (tx) => {
      this.wp.restoreImages(tx, items);
      tx.db.prepare(`UPDATE history_group SET state = 'applied' WHERE id = ?`).run(g.id);
    }, 'redo', g.id);
    return change;
  }

  state(): HistoryState {
    const u = this.lastUndoable();
    const r = this.firstRedoable();
    return { canUndo: !!u, canRedo: !!r, undoLabel: u?.label ?? null, redoLabel: r?.label ?? null };
  }

  list(limit = 200, before?: number): HistoryEntry[] {
    const rows = this.db.prepare(
      `SELECT g.*, (SELECT count(*) FROM history_change c WHERE c.group_id = g.id) AS change_count
       FROM history_group g WHERE g.id < ? ORDER BY g.id DESC LIMIT ?`,
    ).all(before ?? Number.MAX_SAFE_INTEGER, limit) as GroupRow[];
    return rows.map(toEntry);
  }

  /** The lineage of one row (历史沿革): every group that touched it, oldest first. */
  ofRow(table: string, id: number): Array<HistoryEntry & { before: Row | null; after: Row | null }> {
    const rows = this.db.prepare(
      `SELECT g.*, c.before_json, c.after_json FROM history_change c JOIN history_group g ON g.id = c.group_id
       WHERE c.tbl = ? AND c.row_id = ? ORDER BY g.id, c.seq`,
    ).all(table, id) as Array<GroupRow & { before_json: string | null; after_json: string | null }>;
    return rows.map((r) => ({ ...toEntry(r), before: parse(r.before_json), after: parse(r.after_json) }));
  }
}

function parse(json: string | null): Row | null {
  return json === null ? null : (JSON.parse(json) as Row);
}
