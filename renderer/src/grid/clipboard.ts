// Clipboard formats spoken by Excel and WPS: tab-separated text (cells with tabs, line breaks or quotes are
// quoted, quotes doubled) and an HTML table. Copy writes both; paste prefers the HTML table when present,
// because Excel/WPS put exact cell boundaries there even when a cell contains a line break.

/** One quoted TSV field as Excel writes it. */
function tsvField(v: string): string {
  return /[\t\n\r"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function toTsv(matrix: string[][]): string {
  return matrix.map((row) => row.map(tsvField).join('\t')).join('\r\n');
}

const esc = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function toHtml(matrix: string[][]): string {
  const body = matrix
    .map((row) => `<tr>${row.map((v) => `<td>${esc(v).replace(/\r?\n/g, '<br style="mso-data-placement:same-cell;">')}</td>`).join('')}</tr>`)
    .join('');
  // The meta tag makes Excel and WPS read the fragment as UTF-8; the style keeps leading zeros as text.
  return `<html><head><meta charset="utf-8"></head><body><table border="1" style="border-collapse:collapse">${body}</table></body></html>`;
}

/** Parses TSV as Excel writes it: quoted fields may hold tabs, line breaks and doubled quotes. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  const n = text.length;
  let quotedStart = true;
  while (i < n) {
    const ch = text[i];
    if (quotedStart && ch === '"') {
      // A quoted field: read to the closing quote (doubled quotes are one quote).
      let j = i + 1;
      let v = '';
      for (;;) {
        const k = text.indexOf('"', j);
        if (k < 0) { v += text.slice(j); j = n; break; }
        v += text.slice(j, k);
        if (text[k + 1] === '"') { v += '"'; j = k + 2; continue; }
        j = k + 1;
        break;
      }
      // Only a real quoted field if the closing quote ends the field; otherwise treat the quote literally.
      if (j >= n || text[j] === '\t' || text[j] === '\n' || text[j] === '\r') {
        field = v;
        i = j;
        quotedStart = false;
        continue;
      }
    }
    quotedStart = false;
    if (ch === '\t') {
      row.push(field);
      field = '';
      quotedStart = true;
    } else if (ch === '\n' || ch === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      quotedStart = true;
      if (ch === '\r' && text[i + 1] === '\n') i++;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Visible text of a cell as the browser would render it: white space collapsed, <br> and blocks as breaks. */
function cellText(node: Node): string {
  let out = '';
  const walk = (n: Node) => {
    if (n.nodeType === 3) out += (n.nodeValue ?? '').replace(/[\s\u00a0]+/g, ' ');
    else if (n.nodeType === 1) {
      const el = n as Element;
      const tag = el.tagName.toLowerCase();
      if (tag === 'br') { out += '\n'; return; }
      if (tag === 'style' || tag === 'script') return;
      const block = tag === 'p' || tag === 'div';
      if (block && out && !out.endsWith('\n')) out += '\n';
      el.childNodes.forEach(walk);
      if (block && !out.endsWith('\n')) out += '\n';
    }
  };
  node.childNodes.forEach(walk);
  return out.split('\n').map((l) => l.trim()).join('\n').replace(/^\n+|\n+$/g, '');
}

/** The first table of an HTML fragment (Excel, WPS, Google Sheets, a web page) as a matrix, or null. */
export function parseHtmlTable(html: string): string[][] | null {
  if (!/<table[\s>]/i.test(html)) return null;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const table = doc.querySelector('table');
  if (!table) return null;
  const out: string[][] = [];
  // Cells spanning rows or columns fill the covered positions with '' so the block stays rectangular.
  const taken: boolean[][] = [];
  Array.from(table.rows).forEach((tr, r) => {
    const style = tr.getAttribute('style') ?? '';
    if (/display\s*:\s*none/i.test(style)) return; // rows hidden by a filter in Excel
    out[r] ??= [];
    taken[r] ??= [];
    let c = 0;
    for (const td of Array.from(tr.cells)) {
      while (taken[r][c]) c++;
      const rs = Math.max(1, td.rowSpan || 1);
      const cs = Math.max(1, td.colSpan || 1);
      for (let dr = 0; dr < rs; dr++) {
        out[r + dr] ??= [];
        taken[r + dr] ??= [];
        for (let dc = 0; dc < cs; dc++) {
          taken[r + dr][c + dc] = true;
          out[r + dr][c + dc] = dr === 0 && dc === 0 ? cellText(td) : '';
        }
      }
      c += cs;
    }
  });
  const rows = out.filter((r) => r !== undefined).map((r) => Array.from(r, (v) => v ?? ''));
  const width = Math.max(0, ...rows.map((r) => r.length));
  return rows.length ? rows.map((r) => (r.length < width ? [...r, ...Array<string>(width - r.length).fill('')] : r)) : null;
}

/** What a paste carries: the HTML table if there is one, else the TSV text; a trailing empty line dropped. */
export function readClipboard(data: Pick<DataTransfer, 'getData'>): string[][] {
  const html = data.getData('text/html');
  const fromHtml = html ? parseHtmlTable(html) : null;
  if (fromHtml) return fromHtml;
  const text = data.getData('text/plain');
  if (!text) return [];
  return parseTsv(text.replace(/\r?\n$/, ''));
}
