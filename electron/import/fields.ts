// Which fields a table takes on import, the names officials give them in their ledgers, finding the
// header row under title rows and banners, and guessing which column is which field.
import { ENUMS, type EnumOption } from '../../shared/enums';
import { TABLES, type ColumnDef } from '../../shared/tables';
import { normalizeInput } from '../../shared/text';
import type { ImportFieldInfo, ImportTable } from '../../shared/contract/import';
import { type RawCell, type RawRow, columnLetter, isProblem } from './source';

export { IMPORT_TABLES, type ImportTable } from '../../shared/contract/import';

/** Header names seen in real ledgers, besides each column's own Chinese and English label. */
const AGENCY_REF = ['所属机构', '机构名称', '单位名称', '所属单位', '机构全称', '单位', '管理机构', '统一社会信用代码', '信用代码', 'agency'];
const REGION = ['所在县区', '行政区划', '所在地', '所在地区', '所属县区', '县区', '区县', '所在区县', '地区', '区划', '行政区划代码', '区划代码', '所在县(区)', '所在县（区）', 'region', 'county'];
const SYNONYMS: Record<ImportTable, Record<string, string[]>> = {
  agencies: {
    code: ['编号', '机构编号', '机构编码', '编码', '序号编码'],
    full_name: ['机构全称', '机构名称', '单位名称', '名称', '全称', '单位全称', '机构', '单位', 'name', 'agency', 'agencyname'],
    short_name: ['规范简称', '简称', '机构简称', '单位简称'],
    agency_kind: ['机构类别', '机构类型', '类别'],
    type_group: ['开发区类型分组', '类型分组', '分组', '开发区类别'],
    nature: ['机构性质', '性质', '单位性质'],
    rank: ['机构规格', '规格', '级别', '机构级别', '行政级别', 'level'],
    host_region_code: REGION,
    dispatching_body: ['派出主体', '派出机关'],
    superior_id: ['隶属/举办单位', '隶属单位', '举办单位', '主管部门', '上级单位', '主管单位', '隶属关系'],
    uscc: ['统一社会信用代码', '信用代码', '社会信用代码', '统一代码', '组织机构代码', 'uscc', 'creditcode'],
    internal_dept_cap: ['内设机构限额', '内设机构数', '内设机构个数', '内设机构数量'],
    su_class: ['事业单位类别', '事业单位分类', '公益类别'],
    funding_form: ['经费形式', '经费来源', '经费方式'],
    duties_text: ['主要职责', '职责', '职能', '主要职能'],
    note: ['备注', '说明', 'remarks'],
    verification: ['数据核实', '核实情况', '核实'],
  },
  zones: {
    code: ['编号', '开发区编号', '编码'],
    name: ['开发区名称', '名称', '园区名称', '开发区', '园区', 'zone'],
    short_name: ['简称', '开发区简称'],
    zone_type: ['开发区类型', '类型', '园区类型', '类别'],
    zone_level: ['级别', '开发区级别', '层级', '规格'],
    host_region_code: REGION,
    parent_zone_id: ['所属开发区', '上级开发区', '所属园区'],
    management_agency_id: ['管理机构', '管委会', '管理机构名称', '管理单位'],
    approval_authority: ['批准机关', '审批机关', '批准单位'],
    approval_doc_no: ['批准文号', '批复文号', '文号', '设立文号'],
    approved_on: ['批准日期', '批准时间', '设立时间', '批复时间', '设立日期'],
    catalogue_listed: ['列入目录', '是否列入目录', '纳入目录', '是否纳入目录'],
    planned_area_km2: ['规划面积', '面积', '规划面积（平方公里）', '规划面积(平方公里)'],
    leading_industries: ['主导产业', '产业'],
    note: ['备注', '说明'],
    verification: ['数据核实', '核实情况'],
  },
  nameplates: {
    agency_id: AGENCY_REF,
    name: ['牌子名称', '名称', '牌子', '挂牌名称'],
    kind: ['牌子类型', '类型', '类别', '挂牌方式'],
    dispatcher: ['派出机关', '派出主体'],
    verification: ['数据核实', '核实情况'],
  },
  departments: {
    agency_id: AGENCY_REF,
    name: ['内设机构名称', '内设机构', '科室名称', '科室', '部门名称', '部门', '名称'],
    function_class: ['职能类别', '类别', '职能分类'],
    rank: ['规格', '级别', '机构规格'],
    leader_posts: ['领导职数', '职数'],
    is_special: ['特色机构', '是否特色机构'],
    duties_text: ['职责', '主要职责', '职能'],
    verification: ['数据核实', '核实情况'],
  },
  staffing: {
    agency_id: AGENCY_REF,
    staffing_type: ['编制类型', '编制类别', '类型', '编制性质'],
    approved: ['核定编制', '编制数', '核定编制数', '编制', '核编数'],
    actual: ['实有人数', '在编人数', '实有', '实际人数', '实有人员', '在职人数'],
    verification: ['数据核实', '核实情况'],
  },
  leader_posts: {
    agency_id: AGENCY_REF,
    title: ['职务', '职务名称', '领导职务', '岗位'],
    grade: ['职级', '级别', '规格', '职务级别'],
    approved: ['核定职数', '职数', '核定领导职数'],
    filled: ['实配职数', '实配', '实有职数', '在职'],
    elevated: ['高配', '是否高配'],
    verification: ['数据核实', '核实情况'],
  },
  indicators: {
    zone_id: ['开发区', '开发区名称', '园区', '园区名称', 'zone'],
    year: ['年度', '年份', '年', 'year'],
    indicator_key: ['指标', '指标名称', '指标项'],
    value: ['数值', '值', '金额', '数量', '指标值'],
    unit: ['单位', '计量单位'],
    yoy_pct: ['同比', '同比增长', '增速', '同比增长(%)', '同比增速'],
    source_ref: ['来源', '数据来源', '出处'],
    verification: ['数据核实', '核实情况'],
  },
};

/** Key fields used when the user chooses none (agencies: credit code first, see plan.ts). */
export const DEFAULT_KEYS: Record<ImportTable, string[]> = {
  agencies: ['full_name', 'host_region_code'],
  zones: ['name', 'host_region_code'],
  nameplates: ['agency_id', 'name'],
  departments: ['agency_id', 'name'],
  staffing: ['agency_id', 'staffing_type'],
  leader_posts: ['agency_id', 'title'],
  indicators: ['zone_id', 'year', 'indicator_key'],
};

export function importColumns(table: ImportTable): ColumnDef[] {
  return TABLES[table].columns.filter((c) => !c.readOnly);
}

export function importFields(table: ImportTable): ImportFieldInfo[] {
  return importColumns(table).map((c) => ({
    key: c.key, zh: c.zh, en: c.en, type: c.type, required: !!c.required,
    options: c.enum ? (ENUMS[c.enum] as readonly EnumOption[]).map((o) => o.zh) : undefined,
    refTable: c.ref,
    synonyms: SYNONYMS[table][c.key] ?? [],
    defaultKey: DEFAULT_KEYS[table].includes(c.key) || (table === 'agencies' && c.key === 'uscc'),
  }));
}

/** Header text as compared: no spaces or line breaks, no required-marks, half-width, lower case. */
export function normHeader(s: string): string {
  return normalizeInput(s).replace(/[\s\u3000]+/g, '').replace(/（/g, '(').replace(/）/g, ')')
    .replace(/^[*★※]+|[*★※]+$/g, '').replace(/\((必填|选填|必须|可选)\)/g, '').replace(/[:：]$/, '').toLowerCase();
}

export function cellText(c: RawCell): string {
  if (c === null || isProblem(c)) return '';
  if (c instanceof Date) return c.toISOString().slice(0, 10);
  return String(c).trim();
}

/** A field's own labels and its synonyms, normalised once (header detection compares them many times). */
const namesCache = new Map<string, { own: string[]; syn: string[] }>();
function namesOf(table: ImportTable, col: ColumnDef): { own: string[]; syn: string[] } {
  const key = `${table}.${col.key}`;
  let names = namesCache.get(key);
  if (!names) {
    names = { own: [col.zh, col.en, col.key].map(normHeader), syn: (SYNONYMS[table][col.key] ?? []).map(normHeader) };
    namesCache.set(key, names);
  }
  return names;
}

/** How well a header (normalised) names a field: 3 exact label, 2 exact synonym, 1 contains one, 0 no match. */
function matchScore(h: string, table: ImportTable, col: ColumnDef): number {
  if (!h) return 0;
  const { own, syn } = namesOf(table, col);
  if (own.includes(h)) return 3;
  if (syn.includes(h)) return 2;
  if (h.length >= 2 && [...own.slice(0, 1), ...syn].some((s) => s.length >= 2 && (h.includes(s) || (s.includes(h) && h.length >= 3)))) return 1;
  return 0;
}

/** One column per field and one field per column, best matches first. Returns column letter → field. */
export function guessMapping(table: ImportTable, headers: readonly string[]): Record<string, string> {
  const cols = importColumns(table);
  const pairs: Array<{ i: number; key: string; score: number }> = [];
  headers.forEach((header, i) => {
    const h = normHeader(header);
    for (const col of cols) {
      const score = matchScore(h, table, col);
      if (score > 0) pairs.push({ i, key: col.key, score });
    }
  });
  pairs.sort((a, b) => b.score - a.score || a.i - b.i);
  const used = new Set<string>();
  const taken = new Set<number>();
  const out: Record<string, string> = {};
  for (const p of pairs) {
    if (used.has(p.key) || taken.has(p.i)) continue;
    used.add(p.key);
    taken.add(p.i);
    out[columnLetter(p.i)] = p.key;
  }
  return out;
}

function headerScore(table: ImportTable, row: RawRow): { texts: number; matched: number } {
  let texts = 0;
  const cells: string[] = [];
  for (const c of row.cells) {
    if (typeof c !== 'string') continue;
    const t = c.trim();
    if (t === '' || t.length > 40 || /^[\d.,\-/%\s]+$/.test(t)) continue;
    texts++;
    cells.push(t);
  }
  return { texts, matched: Object.keys(guessMapping(table, cells)).length };
}

/**
 * The header row: among the first rows, the one whose short text cells match the most known field
 * names (title rows and merged banners have one long cell and match nothing). Falls back to the first
 * row with three or more short text cells. Returns the spreadsheet row number, or null.
 */
export function detectHeaderRow(table: ImportTable, rows: readonly RawRow[]): number | null {
  let best: { row: number; matched: number } | null = null;
  for (const r of rows.slice(0, 30)) {
    const s = headerScore(table, r);
    if (s.texts >= 2 && s.matched >= 2 && (!best || s.matched > best.matched)) best = { row: r.row, matched: s.matched };
  }
  if (best) return best.row;
  const fallback = rows.slice(0, 30).find((r) => headerScore(table, r).texts >= 3);
  return fallback ? fallback.row : null;
}
