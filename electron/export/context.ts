// PaperData → the Chinese-keyed field object a template is filled with, one shape per paper type.
// The field names are listed in fields.ts (FIELD_CATALOGUE) for the linter and the 插入字段 menu.
import {
  balanceTitle,
  formatChineseDate,
  formatDocNo,
  PAPER_DOC_TYPES,
  STAFFING_TYPE_LABELS,
  staffingTotal,
  type PaperData,
  type PaperDocType,
  type StaffingByType,
} from '../../shared/papers';
import { basisText, noticeBody, planBody, replyBody, requestBody, sandingFields } from './context-text';

export type PaperContext = Record<string, unknown>;

export interface ContextOptions {
  /** Which target agency a 三定规定 is for (index into paper.targets); default 0. */
  agencyIndex?: number;
}

const ABBR: Record<string, string> = {
  行政编制: '行政',
  政法专项编制: '政法',
  参公事业编制: '参公',
  财政补助事业编制: '财补',
  自收自支事业编制: '自收自支',
  机关工勤编制: '工勤',
};

/** { 行政编制: 5, 参公事业编制: 3 } → "行政5\n参公3" for narrow table cells. */
export function staffingCell(s: StaffingByType): string {
  return Object.entries(s)
    .filter(([, n]) => n)
    .map(([k, n]) => `${ABBR[k] ?? k}${n}`)
    .join('\n');
}

function addStaffing(into: StaffingByType, s: StaffingByType) {
  for (const [k, n] of Object.entries(s)) into[k] = (into[k] ?? 0) + (n || 0);
}

const DEFAULT_TITLES: Record<PaperDocType, (name: string) => string> = {
  request: (n) => `关于${n}有关事项的请示`,
  plan: (n) => `${n}实施方案`,
  reply: (n) => `关于${n}有关事项的批复`,
  notice: (n) => `关于${n}有关事项的通知`,
  sanding: (n) => `${n}职能配置、内设机构和人员编制规定`,
  mapping: (n) => `${n}机构整合对照表`,
  staffing: (n) => `${n}编制统计表`,
  ledger: (n) => `${n}机构台账`,
};

function general(p: PaperData, docType: PaperDocType): PaperContext {
  const r = p.reform;
  const issue = r.issueDate ?? r.effectiveDate;
  const title = r.titles?.[docType] ?? DEFAULT_TITLES[docType](r.name);
  return {
    改革名称: r.name,
    地区名称: r.regionName,
    发文字号: formatDocNo(r.docNo),
    机关代字: r.docNo.prefix,
    成文日期: formatChineseDate(issue),
    施行日期: formatChineseDate(r.effectiveDate),
    依据文件: basisText(p),
    署名: p.office.organFullName,
    印发机关: p.office.printingOrgan,
    印发日期: formatChineseDate(r.printDate ?? issue),
    表注: r.illustrative ? '本表为示例数据（illustrative），不代表真实机构编制情况。' : '',
    标题: ['mapping', 'staffing', 'ledger'].includes(docType) ? title : balanceTitle(title),
  };
}

function attachments(p: PaperData, defaults: string[]): PaperContext {
  const names = p.reform.attachments ?? defaults;
  return {
    有附件: names.length > 0,
    附件说明: names.map((名称, i) => ({
      前缀: i === 0 ? '附件：' : '\u3000\u3000\u3000',
      编号: names.length > 1 ? `${i + 1}.` : '',
      名称: 名称.replace(/[。；，]$/, ''),
    })),
  };
}

function gongwen(p: PaperData): PaperContext {
  const note = [p.office.contactLine, p.reform.illustrative ? '示例数据，非正式公文' : ''].filter(Boolean).join('；');
  return {
    发文机关标志: p.office.issuerMark,
    主送机关: (p.reform.recipients ?? p.office.defaultRecipients).join('，'),
    附注: note,
    抄送: (p.office.copyTo ?? []).join('，'),
  };
}

function mappingRows(p: PaperData) {
  const total = { 原编制: 0, 原领导职数: 0, 实有人数: 0, 编制划转: 0 };
  const src: StaffingByType = {};
  const moved: StaffingByType = {};
  const rows = p.mapping.map((r, i) => {
    const 原编制 = staffingTotal(r.sourceStaffing);
    const 编制划转 = staffingTotal(r.staffingTransfer);
    total.原编制 += 原编制;
    total.原领导职数 += r.sourceLeaderPosts;
    total.实有人数 += r.actualHeadcount;
    total.编制划转 += 编制划转;
    addStaffing(src, r.sourceStaffing);
    addStaffing(moved, r.staffingTransfer);
    return {
      序号: r.seq ?? i + 1,
      原机构名称: r.sourceName,
      原规格: r.sourceRank,
      原性质: r.sourceNature,
      原编制,
      原编制明细: staffingCell(r.sourceStaffing),
      原领导职数: r.sourceLeaderPosts,
      实有人数: r.actualHeadcount,
      处理方式: r.action,
      整合后机构: r.targetName,
      职责去向: r.dutiesTo,
      编制划转,
      编制划转明细: staffingCell(r.staffingTransfer),
      人员去向: r.peopleTo,
      资产债务处理: r.assetsDebts,
      依据文号: r.basisDocNo,
      备注: r.remarks ?? '',
    };
  });
  return { 机构对照: rows, 合计: { ...total, 原编制明细: staffingCell(src), 编制划转明细: staffingCell(moved) } };
}

function staffingRows(p: PaperData) {
  return p.targets.map((t, i) => {
    const row: Record<string, unknown> = { 序号: i + 1, 机构名称: t.adminName, 规格: t.rankLabel, 性质: t.natureLabel };
    for (const l of STAFFING_TYPE_LABELS) row[l] = t.staffing[l] ?? null;
    const others = Object.entries(t.staffing).filter(([k, n]) => n && !(STAFFING_TYPE_LABELS as readonly string[]).includes(k));
    row.编制合计 = staffingTotal(t.staffing);
    row.领导职数 = t.leaderPosts.reduce((a, l) => a + l.count, 0);
    row.实有人数 = t.actualHeadcount ?? null;
    row.备注 = others.map(([k, n]) => `${k}${n}名`).join('、');
    return row;
  });
}

function ledgerRows(p: PaperData) {
  const docNo = formatDocNo(p.reform.docNo);
  return p.targets.map((t, i) => ({
    序号: i + 1,
    机构名称: t.adminName,
    党工委: t.partyName,
    规格: t.rankLabel,
    性质: t.natureLabel,
    派出主体: [t.dispatchingParty, t.dispatchingGov].filter(Boolean).join('、'),
    属地政府: t.hostGovernment,
    管理园区: (t.zones ?? []).join('、'),
    内设机构数: t.departments.length,
    内设机构限额: t.internalDeptCap ?? null,
    编制总数: staffingTotal(t.staffing),
    领导职数: t.leaderPosts.reduce((a, l) => a + l.count, 0),
    派驻机构: t.dispatchedUnits.map((d) => d.name).join('、'),
    所属事业单位: t.publicInstitutions.map((u) => u.name).join('、'),
    施行日期: formatChineseDate(p.reform.effectiveDate),
    依据文号: docNo,
  }));
}

/** Builds the field object for one paper type. Throws RangeError (Chinese message) on invalid dates or numbers. */
export function toPaperContext(paper: PaperData, docType: PaperDocType, opts: ContextOptions = {}): PaperContext {
  if (!PAPER_DOC_TYPES.includes(docType)) throw new RangeError(`未知的公文类型：${docType}`);
  const base = general(paper, docType);
  const mappingAttachment = [`${paper.reform.name}机构整合对照表`];
  switch (docType) {
    case 'request': {
      const ctx: PaperContext = { ...base, ...gongwen(paper), 签发人: paper.office.signer ?? '', 正文: requestBody(paper), ...attachments(paper, mappingAttachment) };
      if (!paper.reform.recipients && paper.office.superiorOrgan) ctx.主送机关 = paper.office.superiorOrgan;
      return ctx;
    }
    case 'reply': {
      const ctx: PaperContext = { ...base, ...gongwen(paper), 正文: replyBody(paper), ...attachments(paper, []) };
      if (!paper.reform.recipients && paper.reform.request) ctx.主送机关 = paper.reform.request.requester;
      return ctx;
    }
    case 'notice':
      return { ...base, ...gongwen(paper), 正文: noticeBody(paper), ...attachments(paper, mappingAttachment) };
    case 'plan':
      return { ...base, 副标题: '', 正文: planBody(paper), ...attachments(paper, mappingAttachment) };
    case 'sanding': {
      const i = opts.agencyIndex ?? 0;
      const t = paper.targets[i];
      if (!t) throw new RangeError(`没有第${i + 1}个整合后机构，无法生成三定规定`);
      const f = sandingFields(paper, t);
      return { ...base, ...f, 标题: f.标题 };
    }
    case 'mapping':
      return { ...base, 附件标注: '附件', ...mappingRows(paper) };
    case 'staffing':
      return { ...base, 编制统计: staffingRows(paper) };
    case 'ledger':
      return { ...base, 机构台账: ledgerRows(paper) };
  }
}

