// 公文导出的输入类型（一次改革 → 请示 / 实施方案 / 批复 / 通知 / 三定规定 / 对照表 / 统计表 / 台账）与纯函数。
// Pure TypeScript: no node:*, no DOM, no electron. The database layer maps its rows into `PaperData`;
// the export engine (electron/export) turns it into Chinese-keyed template fields.

/** Bump when a field of PaperData changes meaning; templates record the schema they target. */
export const PAPER_SCHEMA_VERSION = 1;

/** Document types with a default template. The key is also the default template's file name. */
export const PAPER_DOC_TYPES = ['request', 'plan', 'reply', 'notice', 'sanding', 'mapping', 'staffing', 'ledger'] as const;
export type PaperDocType = (typeof PAPER_DOC_TYPES)[number];
export type TemplateKind = 'docx' | 'xlsx';

export const PAPER_DOC_TYPE_LABELS: Record<PaperDocType, string> = {
  request: '请示',
  plan: '实施方案',
  reply: '批复',
  notice: '通知',
  sanding: '三定规定',
  mapping: '机构整合对照表',
  staffing: '编制统计表',
  ledger: '机构台账',
};

/** 发文字号 parts; formatted as 天编委发〔2022〕3号. */
export interface DocNumber {
  prefix: string; // 机关代字, e.g. 天编委发
  year: number;
  number: number;
}

/** Staffing (编制) by type label → number of posts, e.g. { 行政编制: 8, 参公事业编制: 4 }. Insertion order is kept. */
export type StaffingByType = Record<string, number>;

export interface OfficeProfile {
  /** 署名机关全称, e.g. 中共天水市委机构编制委员会 */
  organFullName: string;
  /** 发文机关标志 (版头), e.g. 中共天水市委机构编制委员会文件 */
  issuerMark: string;
  /** 机关代字, e.g. 天编委发 */
  docPrefix: string;
  /** 印发机关 (版记), e.g. 中共天水市委机构编制委员会办公室 */
  printingOrgan: string;
  /** 附注 contact line without brackets, e.g. 联系人：张××，电话：0938-0000000 */
  contactLine?: string;
  /** 主送机关 used when a paper does not name its own */
  defaultRecipients: string[];
  /** 抄送机关 */
  copyTo?: string[];
  /** 签发人 (上行文 only) */
  signer?: string;
  /** The one organ a 请示 goes up to (no 多头请示, R19); falls back to the default recipients. */
  superiorOrgan?: string;
  /** Who interprets a 三定 (第八条), e.g. 中共天水市委机构编制委员会办公室; defaults to printingOrgan */
  interpreter?: string;
}

/** One row of the 机构整合对照表 (序号 + 14 columns). */
export interface MappingRow {
  /** 序号; defaults to the row's position (1-based) */
  seq?: number;
  sourceName: string; // 原机构名称
  sourceRank: string; // 原规格 (label)
  sourceNature: string; // 原性质 (label)
  sourceStaffing: StaffingByType; // 原编制 by type
  sourceLeaderPosts: number; // 原领导职数
  actualHeadcount: number; // 实有人数
  action: string; // 处理方式 (label, one of MAPPING_ACTION_LABELS)
  targetName: string; // 整合后机构
  dutiesTo: string; // 职责去向
  staffingTransfer: StaffingByType; // 编制划转 by type
  peopleTo: string; // 人员去向
  assetsDebts: string; // 资产债务处理
  basisDocNo: string; // 依据文号
  remarks?: string; // 备注
}

export interface Department {
  name: string;
  functionClass: string; // label, e.g. 综合性 / 招商引资
  duties: string;
  leaderPosts?: number;
}

export interface LeaderPost {
  title: string; // 书记 / 主任 / 副主任 …
  count: number;
}

export interface DispatchedUnit {
  name: string;
  parent: string; // 派出部门, e.g. 天水市税务局
  mode?: string; // 管理方式, e.g. 实行以派出部门为主的双重管理
}

export interface PublicInstitution {
  name: string;
  suClass: string; // 公益一类 …
  funding: string; // 全额拨款 …
  staffing?: number;
}

/** An agency after the reform, with everything its 三定规定 states. */
export interface TargetAgency {
  partyName: string; // 中共××工作委员会 (党工委); empty when the agency has no 党工委
  adminName: string; // ××管理委员会 (管委会)
  shortName?: string; // 简称 used in the text, e.g. 经开区党工委（管委会）
  rankLabel: string; // 正县级
  natureLabel: string; // 行政机关
  dispatchingParty: string; // 派出党委, e.g. 中共天水市委
  dispatchingGov: string; // 派出政府, e.g. 天水市人民政府
  hostGovernment: string; // 属地政府, e.g. 麦积区人民政府
  zones?: string[]; // managed zones / parks
  mainDuties: string[];
  functionTransformation: string; // 职能转变
  departments: Department[];
  internalDeptCap?: number;
  staffing: StaffingByType;
  leaderPosts: LeaderPost[];
  deptLeaderPosts?: string; // 内设机构领导职数, free text
  actualHeadcount?: number;
  dutyBoundary: string[]; // 与属地政府的职责边界 paragraphs
  dispatchedUnits: DispatchedUnit[];
  publicInstitutions: PublicInstitution[];
}

export interface ReformMeta {
  name: string; // 天水市开发区管理机构优化整合
  regionName: string; // 天水市
  basisDocs: string[]; // document titles without 《》
  docNo: DocNumber; // 发文字号 of the paper being exported
  effectiveDate: string; // 'YYYY-MM-DD'
  issueDate?: string; // 成文日期, defaults to effectiveDate
  printDate?: string; // 印发日期, defaults to issueDate
  /** Override the generated title of one paper type. */
  titles?: Partial<Record<PaperDocType, string>>;
  recipients?: string[]; // overrides office.defaultRecipients
  background?: string[]; // 背景与理由 paragraphs
  summary?: { agenciesBefore: number; agenciesAfter: number; groups?: { label: string; before: number; after: number }[] };
  /** The 请示 a 批复 answers. */
  request?: { title: string; docNo: DocNumber; requester: string };
  attachments?: string[];
  /** Demo or invented data: the papers say so in 附注. */
  illustrative?: boolean;
}

export interface PaperData {
  schemaVersion: typeof PAPER_SCHEMA_VERSION;
  office: OfficeProfile;
  reform: ReformMeta;
  mapping: MappingRow[];
  targets: TargetAgency[];
}

export const MAPPING_ACTION_LABELS = ['保留', '整合并入', '撤销', '更名', '加挂牌子', '调整隶属', '调整规格', '新设', '调整类型'] as const;

/** Fixed staffing-type columns of the 编制统计表 (domain.md §5(a) staffing_type). */
export const STAFFING_TYPE_LABELS = ['行政编制', '政法专项编制', '参公事业编制', '财政补助事业编制', '自收自支事业编制', '机关工勤编制'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Helpers

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** '2022-03-16' → '2022年3月16日' (GB/T 9704: Arabic numerals, full year, no leading zeros). Throws on a bad date. */
export function formatChineseDate(iso: string): string {
  const m = ISO_DATE.exec(iso);
  if (!m) throw new RangeError(`日期格式应为 YYYY-MM-DD：${iso}`);
  const y = +m[1], mo = +m[2], d = +m[3];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12 || d < 1 || d > days) throw new RangeError(`日期无效：${iso}`);
  return `${y}年${mo}月${d}日`;
}

/** {prefix:'天编委发', year:2022, number:3} → '天编委发〔2022〕3号' (六角括号, full year, no 第, no leading zero). */
export function formatDocNo(no: DocNumber): string {
  if (!no.prefix.trim()) throw new RangeError('发文字号缺少机关代字');
  if (!Number.isInteger(no.year) || no.year < 1900 || no.year > 2200) throw new RangeError(`发文字号年份无效：${no.year}`);
  if (!Number.isInteger(no.number) || no.number < 1) throw new RangeError(`发文字号序号无效：${no.number}`);
  return `${no.prefix.trim()}〔${no.year}〕${no.number}号`;
}

/** Parses '天编委发〔2022〕3号' (also [2022] or (2022) brackets) back into parts; null when it is not a 发文字号. */
export function parseDocNo(text: string): DocNumber | null {
  const m = /^(.+?)[〔［\[（(](\d{4})[〕］\]）)]第?0*(\d+)号$/.exec(text.trim());
  return m ? { prefix: m[1], year: +m[2], number: +m[3] } : null;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九, 100 → 一百, 105 → 一百零五, up to 9999. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n > 9999) throw new RangeError(`无法转换为中文数字：${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return '十' + (n % 10 ? DIGITS[n % 10] : '');
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  const units: [number, string][] = [[1000, '千'], [100, '百'], [10, '十'], [1, '']];
  let out = '';
  let zero = false;
  for (const [u, name] of units) {
    const d = Math.floor(n / u) % 10;
    if (d === 0) {
      if (out) zero = true;
      continue;
    }
    if (zero) out += '零';
    zero = false;
    out += DIGITS[d] + name;
  }
  return out;
}

/** Heading numbers of GB/T 9704 §7.3.3: level 1 一、 level 2 （一） level 3 1. level 4 （1）. */
export function headingNumber(level: 1 | 2 | 3 | 4, n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`标题序号无效：${n}`);
  switch (level) {
    case 1: return `${chineseNumeral(n)}、`;
    case 2: return `（${chineseNumeral(n)}）`;
    case 3: return `${n}.`;
    case 4: return `（${n}）`;
    default: throw new RangeError(`标题层级无效：${level}`);
  }
}

/** 1 → 第一条 (三定规定 and other 条-form texts). */
export function articleNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`条序号无效：${n}`);
  return `第${chineseNumeral(n)}条`;
}

/** Sum of a StaffingByType. */
export function staffingTotal(s: StaffingByType): number {
  return Object.values(s).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
}

/** { 行政编制: 8, 参公事业编制: 4 } → '行政编制8名、参公事业编制4名'; zero entries are left out; '' when empty. */
export function formatStaffing(s: StaffingByType, unit = '名'): string {
  return Object.entries(s)
    .filter(([, n]) => n)
    .map(([k, n]) => `${k}${n}${unit}`)
    .join('、');
}

/** Joins names the way Chinese official text lists them: 甲、乙、丙. */
export function joinZh(items: readonly string[]): string {
  return items.filter((s) => s && s.trim()).join('、');
}

/**
 * Breaks a long 公文 title into balanced lines (GB/T 9704 "梯形或菱形"), at most `perLine` characters each
 * (2号 on a 156 mm 版心 holds 20). Never starts a line with closing punctuation or ends one with an opening mark.
 */
export function balanceTitle(title: string, perLine = 20): string {
  const chars = [...title.replace(/\n/g, '')];
  if (chars.length <= perLine) return chars.join('');
  const lines = Math.ceil(chars.length / perLine);
  const noStart = /[、，。；：）》〕」』”’！？）]/;
  const noEnd = /[（《〔「『“‘]/;
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < lines - 1; i++) {
    let cut = pos + Math.ceil((chars.length - pos) / (lines - i));
    while (cut < chars.length && cut - pos < perLine && (noStart.test(chars[cut]) || noEnd.test(chars[cut - 1]))) cut++;
    while (cut - pos > perLine || (cut > pos + 1 && (noStart.test(chars[cut] ?? '') || noEnd.test(chars[cut - 1])))) cut--;
    out.push(chars.slice(pos, cut).join(''));
    pos = cut;
  }
  out.push(chars.slice(pos).join(''));
  return out.join('\n');
}

/** 《title》 unless it already has book-title marks. */
export function bookTitle(title: string): string {
  const t = title.trim();
  return t.startsWith('《') ? t : `《${t}》`;
}

// ---------------------------------------------------------------------------------------------------------------
// Default templates shipped with the app (electron/export/templates/<file>), generated by build/make-templates.ts.

export interface DefaultTemplateInfo {
  id: string;
  docType: PaperDocType;
  kind: TemplateKind;
  file: string;
  version: number;
  name: string;
}

export const DEFAULT_TEMPLATES: readonly DefaultTemplateInfo[] = [
  { id: 'zonedesk.request', docType: 'request', kind: 'docx', file: 'request.docx', version: 1, name: '请示（GB/T 9704 默认模板）' },
  { id: 'zonedesk.plan', docType: 'plan', kind: 'docx', file: 'plan.docx', version: 1, name: '实施方案（默认模板）' },
  { id: 'zonedesk.reply', docType: 'reply', kind: 'docx', file: 'reply.docx', version: 1, name: '批复（GB/T 9704 默认模板）' },
  { id: 'zonedesk.notice', docType: 'notice', kind: 'docx', file: 'notice.docx', version: 1, name: '通知（GB/T 9704 默认模板）' },
  { id: 'zonedesk.sanding', docType: 'sanding', kind: 'docx', file: 'sanding.docx', version: 1, name: '三定规定（默认模板）' },
  { id: 'zonedesk.mapping', docType: 'mapping', kind: 'docx', file: 'mapping.docx', version: 1, name: '机构整合对照表（Word 横排）' },
  { id: 'zonedesk.mapping-xlsx', docType: 'mapping', kind: 'xlsx', file: 'mapping.xlsx', version: 1, name: '机构整合对照表（Excel）' },
  { id: 'zonedesk.staffing', docType: 'staffing', kind: 'xlsx', file: 'staffing.xlsx', version: 1, name: '编制统计表（Excel）' },
  { id: 'zonedesk.ledger', docType: 'ledger', kind: 'xlsx', file: 'ledger.xlsx', version: 1, name: '机构台账（Excel）' },
];
