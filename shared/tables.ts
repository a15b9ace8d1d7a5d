// The register's tables described once: columns, types, Chinese and English labels.
// The database schema (db/migrations) is checked against this list by a test, and the contract's
// zod schemas, the grids' column definitions and the importer's field list are all derived from it.
import type { EnumName } from './enums';

export type ColumnType = 'text' | 'int' | 'real' | 'date' | 'bool' | 'enum' | 'ref' | 'region';

export interface ColumnDef {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  readonly type: ColumnType;
  readonly enum?: EnumName;
  /** For 'ref' columns: the table whose id is stored. */
  readonly ref?: TableName;
  readonly required?: boolean;
  /** Columns the grids may not edit (ids, lifecycle fields owned by reforms). */
  readonly readOnly?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
}

export interface TableDef {
  readonly name: TableName;
  readonly zh: string;
  readonly en: string;
  /** The column that names a row in messages, references and search. */
  readonly nameColumn: string;
  /** The column holding the owning agency, for tables that hang under an agency. */
  readonly agencyColumn?: string;
  readonly columns: readonly ColumnDef[];
}

export const TABLE_NAMES = [
  'zones',
  'agencies',
  'nameplates',
  'departments',
  'staffing',
  'leader_posts',
  'functions',
  'dispatched_units',
  'indicators',
] as const;
export type TableName = (typeof TABLE_NAMES)[number];

const c = (key: string, zh: string, en: string, type: ColumnType, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  key, zh, en, type, ...extra,
});

/** Columns every register table carries: validity by calendar date in China Standard Time. */
const VALIDITY: ColumnDef[] = [
  c('valid_from', '生效日期', 'Valid from', 'date', { readOnly: true }),
  c('valid_to', '失效日期', 'Valid to', 'date', { readOnly: true }),
  c('verification', '数据核实', 'Verification', 'enum', { enum: 'verification' }),
];

export const TABLES: Record<TableName, TableDef> = {
  zones: {
    name: 'zones', zh: '开发区', en: 'Zones', nameColumn: 'name',
    columns: [
      c('code', '编号', 'Code', 'text', { maxLength: 32 }),
      c('name', '开发区名称', 'Name', 'text', { required: true, maxLength: 100 }),
      c('short_name', '简称', 'Short name', 'text', { maxLength: 50 }),
      c('zone_type', '开发区类型', 'Zone type', 'enum', { enum: 'zone_type', required: true }),
      c('zone_level', '级别', 'Level', 'enum', { enum: 'zone_level', required: true }),
      c('host_region_code', '所在县区', 'Host county', 'region', { required: true }),
      c('parent_zone_id', '所属开发区', 'Parent zone', 'ref', { ref: 'zones' }),
      c('management_agency_id', '管理机构', 'Managing agency', 'ref', { ref: 'agencies' }),
      c('approval_authority', '批准机关', 'Approved by', 'text', { maxLength: 100 }),
      c('approval_doc_no', '批准文号', 'Approval document', 'text', { maxLength: 100 }),
      c('approved_on', '批准日期', 'Approved on', 'date'),
      c('catalogue_listed', '列入目录', 'In catalogue', 'bool'),
      c('planned_area_km2', '规划面积(平方公里)', 'Planned area (km²)', 'real', { min: 0, max: 100000 }),
      c('leading_industries', '主导产业', 'Leading industries', 'text', { maxLength: 500 }),
      c('status', '状态', 'Status', 'enum', { enum: 'status', readOnly: true }),
      c('note', '备注', 'Note', 'text', { maxLength: 2000 }),
      ...VALIDITY,
    ],
  },
  agencies: {
    name: 'agencies', zh: '管理机构', en: 'Agencies', nameColumn: 'full_name',
    columns: [
      c('code', '编号', 'Code', 'text', { maxLength: 32 }),
      c('full_name', '机构全称', 'Full name', 'text', { required: true, maxLength: 100 }),
      c('short_name', '规范简称', 'Short name', 'text', { maxLength: 50 }),
      c('agency_kind', '机构类别', 'Kind', 'enum', { enum: 'agency_kind', required: true }),
      c('type_group', '开发区类型分组', 'Zone-type group', 'enum', { enum: 'type_group' }),
      c('nature', '机构性质', 'Nature', 'enum', { enum: 'nature', required: true }),
      c('rank', '机构规格', 'Rank', 'enum', { enum: 'rank' }),
      c('host_region_code', '所在县区', 'Host county', 'region', { required: true }),
      c('dispatching_body', '派出主体', 'Dispatched by', 'text', { maxLength: 100 }),
      c('superior_id', '隶属/举办单位', 'Superior / sponsor', 'ref', { ref: 'agencies' }),
      c('uscc', '统一社会信用代码', 'Credit code', 'text', { maxLength: 18 }),
      c('internal_dept_cap', '内设机构限额', 'Department cap', 'int', { min: 0, max: 200 }),
      c('su_class', '事业单位类别', 'PI class', 'enum', { enum: 'su_class' }),
      c('funding_form', '经费形式', 'Funding', 'enum', { enum: 'funding_form' }),
      c('duties_text', '主要职责', 'Main duties', 'text', { maxLength: 20000 }),
      c('status', '状态', 'Status', 'enum', { enum: 'status', readOnly: true }),
      c('note', '备注', 'Note', 'text', { maxLength: 2000 }),
      ...VALIDITY,
    ],
  },
  nameplates: {
    name: 'nameplates', zh: '机构牌子', en: 'Nameplates', nameColumn: 'name', agencyColumn: 'agency_id',
    columns: [
      c('agency_id', '所属机构', 'Agency', 'ref', { ref: 'agencies', required: true }),
      c('name', '牌子名称', 'Nameplate', 'text', { required: true, maxLength: 100 }),
      c('kind', '牌子类型', 'Kind', 'enum', { enum: 'nameplate_kind', required: true }),
      c('dispatcher', '派出机关', 'Dispatched by', 'text', { maxLength: 100 }),
      ...VALIDITY,
    ],
  },
  departments: {
    name: 'departments', zh: '内设机构', en: 'Departments', nameColumn: 'name', agencyColumn: 'agency_id',
    columns: [
      c('agency_id', '所属机构', 'Agency', 'ref', { ref: 'agencies', required: true }),
      c('name', '内设机构名称', 'Department', 'text', { required: true, maxLength: 100 }),
      c('function_class', '职能类别', 'Function class', 'enum', { enum: 'dept_function_class', required: true }),
      c('rank', '规格', 'Rank', 'enum', { enum: 'rank' }),
      c('leader_posts', '领导职数', 'Leader posts', 'int', { min: 0, max: 99 }),
      c('is_special', '特色机构', 'Special', 'bool'),
      c('duties_text', '职责', 'Duties', 'text', { maxLength: 20000 }),
      ...VALIDITY,
    ],
  },
  staffing: {
    name: 'staffing', zh: '编制', en: 'Staffing', nameColumn: 'staffing_type', agencyColumn: 'agency_id',
    columns: [
      c('agency_id', '所属机构', 'Agency', 'ref', { ref: 'agencies', required: true }),
      c('staffing_type', '编制类型', 'Staffing type', 'enum', { enum: 'staffing_type', required: true }),
      c('approved', '核定编制', 'Approved', 'int', { min: 0, max: 100000, required: true }),
      c('actual', '实有人数', 'Actual', 'int', { min: 0, max: 100000 }),
      ...VALIDITY,
    ],
  },
  leader_posts: {
    name: 'leader_posts', zh: '领导职数', en: 'Leadership posts', nameColumn: 'title', agencyColumn: 'agency_id',
    columns: [
      c('agency_id', '所属机构', 'Agency', 'ref', { ref: 'agencies', required: true }),
      c('title', '职务', 'Title', 'text', { required: true, maxLength: 50 }),
      c('grade', '职级', 'Grade', 'enum', { enum: 'rank' }),
      c('approved', '核定职数', 'Approved', 'int', { min: 0, max: 99, required: true }),
      c('filled', '实配职数', 'Filled', 'int', { min: 0, max: 99 }),
      c('elevated', '高配', 'Elevated', 'bool'),
      ...VALIDITY,
    ],
  },
  functions: {
    name: 'functions', zh: '职能', en: 'Functions', nameColumn: 'name', agencyColumn: 'agency_id',
    columns: [
      c('agency_id', '所属机构', 'Agency', 'ref', { ref: 'agencies', required: true }),
      c('name', '职能事项', 'Function', 'text', { required: true, maxLength: 200 }),
      c('power_type', '职权类型', 'Power type', 'enum', { enum: 'power_type' }),
      c('is_social_affairs', '社会事务', 'Social affairs', 'bool'),
      c('destination', '职责去向', 'Goes to', 'text', { maxLength: 200 }),
      c('delegation_doc', '赋权文件', 'Delegation document', 'text', { maxLength: 100 }),
      ...VALIDITY,
    ],
  },
  dispatched_units: {
    name: 'dispatched_units', zh: '派驻机构', en: 'Dispatched units', nameColumn: 'name', agencyColumn: 'host_agency_id',
    columns: [
      c('host_agency_id', '派驻开发区机构', 'Host agency', 'ref', { ref: 'agencies', required: true }),
      c('name', '派驻机构名称', 'Name', 'text', { required: true, maxLength: 100 }),
      c('parent_department', '派出部门', 'Parent department', 'text', { maxLength: 100 }),
      c('domain', '领域', 'Domain', 'enum', { enum: 'dispatched_domain', required: true }),
      c('unit_status', '设置情况', 'Status', 'enum', { enum: 'dispatched_status' }),
      ...VALIDITY,
    ],
  },
  indicators: {
    name: 'indicators', zh: '经济指标', en: 'Indicators', nameColumn: 'indicator_key',
    columns: [
      c('zone_id', '开发区', 'Zone', 'ref', { ref: 'zones', required: true }),
      c('year', '年度', 'Year', 'int', { min: 1978, max: 2200, required: true }),
      c('indicator_key', '指标', 'Indicator', 'enum', { enum: 'indicator_key', required: true }),
      c('value', '数值', 'Value', 'real', { required: true }),
      c('unit', '单位', 'Unit', 'text', { maxLength: 20 }),
      c('yoy_pct', '同比(%)', 'YoY (%)', 'real'),
      c('source_ref', '来源', 'Source', 'text', { maxLength: 500 }),
      ...VALIDITY,
    ],
  },
};

export function columnOf(table: TableName, key: string): ColumnDef | undefined {
  return TABLES[table].columns.find((col) => col.key === key);
}

export function editableColumns(table: TableName): ColumnDef[] {
  return TABLES[table].columns.filter((col) => !col.readOnly);
}

/** A row as stored: id plus the table's columns (values are plain JSON). */
export type Row = { id: number } & Record<string, string | number | null>;
