// The totals row (pinned at the bottom) for the tables where a sum means something: staffing approved and
// actual, leadership posts approved and filled, departments' leader posts. It sums the rows that pass the
// current filter, so filtering to one county shows that county's totals.
import type { GridApi, IRowNode, PostSortRowsParams } from 'ag-grid-community';
import { TABLES, type Row, type TableName } from '../../../shared/tables';
import type { Lang } from '../i18n';
import { es } from '../editors/strings';

const SUMS: Partial<Record<TableName, readonly string[]>> = {
  staffing: ['approved', 'actual'],
  leader_posts: ['approved', 'filled'],
  departments: ['leader_posts'],
};

export const hasTotals = (table: TableName) => !!SUMS[table];

export function updateTotals(api: GridApi<Row>, table: TableName, lang: Lang): void {
  const fields = SUMS[table];
  if (!fields) return;
  const sums: Record<string, number> = Object.fromEntries(fields.map((f) => [f, 0]));
  let n = 0;
  api.forEachNodeAfterFilter((node) => {
    if (!node.data) return;
    n++;
    for (const f of fields) {
      const v = node.data[f];
      if (typeof v === 'number') sums[f] += v;
    }
  });
  const label = es(lang, 'totals', { n });
  api.setGridOption('pinnedBottomRowData', [{ id: -1, [TABLES[table].nameColumn]: label, ...sums } as Row]);
}

/** Zones: after any sort, each park follows its parent zone (一区多园), parks in the same sorted order. */
export function keepParksUnderZones(params: PostSortRowsParams<Row>): void {
  const nodes = params.nodes as IRowNode<Row>[];
  const present = new Set(nodes.map((n) => n.data?.id));
  const children = new Map<number, IRowNode<Row>[]>();
  const top: IRowNode<Row>[] = [];
  for (const n of nodes) {
    const parent = n.data?.parent_zone_id as number | null | undefined;
    if (parent != null && present.has(parent)) {
      const list = children.get(parent);
      if (list) list.push(n);
      else children.set(parent, [n]);
    } else top.push(n);
  }
  if (children.size === 0) return;
  const out: IRowNode<Row>[] = [];
  const visit = (n: IRowNode<Row>, depth: number) => {
    out.push(n);
    if (depth > 20) return; // a cycle in parent links must not hang the grid
    for (const c of children.get(n.data!.id) ?? []) visit(c, depth + 1);
  };
  for (const n of top) visit(n, 0);
  if (out.length === nodes.length) nodes.splice(0, nodes.length, ...out);
}
