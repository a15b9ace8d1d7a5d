// A Sankey picture in plain SVG (no chart library): nodes in two columns, before on the left and after on
// the right, each as tall as the flows through it; every flow is a band from its source to its target,
// stacked in node order so bands leave and arrive without overlapping.
export interface SankeyNodeIn { readonly id: string; readonly label: string; readonly color: string }
export interface SankeyLinkIn { readonly source: string; readonly target: string; readonly value: number; readonly color: string; readonly title: string }

const GAP = 6;
const NODE_W = 10;

interface Placed { y: number; h: number; outUsed: number; inUsed: number }

function place(nodes: readonly SankeyNodeIn[], value: (id: string) => number, unit: number, top: number): Map<string, Placed> {
  const out = new Map<string, Placed>();
  let y = top;
  for (const n of nodes) {
    const h = Math.max(2, value(n.id) * unit);
    out.set(n.id, { y, h, outUsed: 0, inUsed: 0 });
    y += h + GAP;
  }
  return out;
}

export function Sankey({ left, right, links, width = 1100, labelW = 250, unitPx = 18, testId }: {
  left: readonly SankeyNodeIn[]; right: readonly SankeyNodeIn[]; links: readonly SankeyLinkIn[];
  width?: number; labelW?: number; unitPx?: number; testId?: string;
}) {
  const sum = (pick: (l: SankeyLinkIn) => string) => (id: string) => links.filter((l) => pick(l) === id).reduce((n, l) => n + l.value, 0);
  const outOf = sum((l) => l.source);
  const inOf = sum((l) => l.target);
  const total = Math.max(1, links.reduce((n, l) => n + l.value, 0));
  const gaps = Math.max(left.length, right.length) * GAP;
  const height = Math.round(total * unitPx + gaps + 20);
  const unit = unitPx;
  const L = place(left, outOf, unit, 10);
  const R = place(right, inOf, unit, 10);
  const x0 = labelW;
  const x1 = width - labelW;
  const xm = (x0 + NODE_W + x1) / 2;
  // Bands in the order of their target (left side) and source (right side): fewer crossings at the nodes.
  const rightIndex = new Map(right.map((n, i) => [n.id, i]));
  const leftIndex = new Map(left.map((n, i) => [n.id, i]));
  const ordered = [...links].sort((a, b) => (leftIndex.get(a.source)! - leftIndex.get(b.source)!) || (rightIndex.get(a.target)! - rightIndex.get(b.target)!));
  const bands: Array<{ l: SankeyLinkIn; ya: number; yb: number; h: number; t: Placed }> = [];
  for (const l of ordered) {
    const s = L.get(l.source);
    const t = R.get(l.target);
    if (!s || !t) continue;
    const h = l.value * unit;
    bands.push({ l, ya: s.y + s.outUsed, yb: 0, h, t });
    s.outUsed += h;
  }
  // Arrival positions stacked in the order of the source nodes.
  for (const b of [...bands].sort((a, c) => a.ya - c.ya)) {
    b.yb = b.t.y + b.t.inUsed;
    b.t.inUsed += b.h;
  }
  return (
    <svg className="zd-sankey" width={width} height={height} viewBox={`0 0 ${width} ${height}`} data-testid={testId} role="img">
      {bands.map(({ l, ya, yb, h }, i) => {
        const d = `M${x0 + NODE_W},${ya} C${xm},${ya} ${xm},${yb} ${x1},${yb} L${x1},${yb + h} C${xm},${yb + h} ${xm},${ya + h} ${x0 + NODE_W},${ya + h} Z`;
        return <path key={i} className="zd-sankey-link" d={d} fill={l.color} fillOpacity={0.38} stroke={l.color} strokeOpacity={0.5} strokeWidth={0.5}><title>{l.title}</title></path>;
      })}
      {left.map((n) => {
        const p = L.get(n.id)!;
        return (
          <g key={`l${n.id}`} className="zd-sankey-node">
            <rect x={x0} y={p.y} width={NODE_W} height={p.h} fill={n.color} />
            <text x={x0 - 6} y={p.y + p.h / 2} dy="0.35em" textAnchor="end">{n.label}</text>
          </g>
        );
      })}
      {right.map((n) => {
        const p = R.get(n.id)!;
        return (
          <g key={`r${n.id}`} className="zd-sankey-node">
            <rect x={x1} y={p.y} width={NODE_W} height={p.h} fill={n.color} />
            <text x={x1 + NODE_W + 6} y={p.y + p.h / 2} dy="0.35em">{n.label}</text>
          </g>
        );
      })}
    </svg>
  );
}

/** One colour per zone-type group, the same on both sides so a change of group is visible. */
export const GROUP_COLORS: Record<string, string> = {
  industrial: '#c0392b', agricultural: '#3d9140', logistics: '#2f6db5', tourism: '#c77c0e', other: '#7a7a7a', abolished: '#333333',
};
