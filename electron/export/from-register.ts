// PaperData from the database: for a reform (its mapping rows → the 14-column 机构整合对照表; the agencies
// after the reform → 三定 data), read from the reform engine's projection so a draft exports exactly like an
// applied reform; and from the register alone (编制统计表, 机构台账 of today, no reform needed).
import type Database from 'better-sqlite3';
import { enumLabel } from '../../shared/enums';
import { AppError } from '../../shared/errors';
import {
  formatChineseDate, formatDocNo, parseDocNo, PAPER_SCHEMA_VERSION, type DocNumber, type MappingRow, type OfficeProfile,
  type PaperData, type PaperDocType, type ReformMeta, type TargetAgency,
} from '../../shared/papers';
import { createdAgencyKey } from '../../shared/reform/plan-index';
import { summarize, type ReformSummary } from '../../shared/reform/summary';
import { MAPPING_ACTION_ZH, type AfterAgency, type Mapping } from '../../shared/reform/types';
import { transferOf } from '../../shared/reform/project-rows';
import { RuleEngine } from '../../shared/rules/engine';
import { SnapshotIndex } from '../../shared/rules/snapshot-index';
import type { FunctionRec } from '../../shared/rules/types';
import { previousDay, todayCst } from '../../shared/text';
import { getReform, planOf } from '../../db/reform/plans';
import { loadSnapshot, regionName } from '../../db/reform/snapshot';
import type { ReformDetail } from '../../shared/reform/api-types';
import { isIllustrative, staffingByLabel, toTargetAgency, type AgencyView, type TargetLookups } from './target-agency';

export interface BuiltPapers {
  /** 请示 / 实施方案 / 批复 / 通知 / 三定 / 对照表: targets are the agencies the reform changes. */
  readonly paper: PaperData;
  /** 编制统计表 / 机构台账: every management agency (after the reform, or as the register stands). */
  readonly roster: PaperData;
  readonly reformId: number | null;
  /** Adjusts a paper's field object (register-only papers carry no 发文字号). */
  readonly patchContext?: (ctx: Record<string, unknown>, docType: PaperDocType) => void;
}

const splitList = (s: string | undefined) => (s ?? '').split(/[，,、；;\n]/).map((x) => x.trim()).filter(Boolean);

/** The office profile from the settings (office.name, office.mark, office.code, office.printer, office.contact, office.recipients). */
export function officeProfile(settings: Record<string, string>): OfficeProfile {
  const name = settings['office.name']?.trim() || '中共××市委机构编制委员会';
  return {
    organFullName: name,
    issuerMark: settings['office.mark']?.trim() || `${name}文件`,
    docPrefix: settings['office.code']?.trim() || '',
    printingOrgan: settings['office.printer']?.trim() || `${name}办公室`,
    contactLine: settings['office.contact']?.trim() || undefined,
    defaultRecipients: splitList(settings['office.recipients']),
    copyTo: splitList(settings['office.copy_to']),
    signer: settings['office.signer']?.trim() || undefined,
    superiorOrgan: settings['office.superior']?.trim() || undefined,
  };
}

/** Region code → 麦积区, cached. */
function regionNames(db: Database.Database): (code: string) => string {
  const cache = new Map<string, string>();
  return (code) => {
    let n = cache.get(code);
    if (n === undefined) cache.set(code, (n = code ? regionName(db, code) : ''));
    return n === code ? '' : n;
  };
}

const FALLBACK_BASIS = '关于规范开发区管理机构促进开发区创新发展的指导意见';

function basisDocs(d: ReformDetail, own: string): string[] {
  const titled = d.basisDocs.filter((b) => b.title && b.doc_type !== 'request');
  // The reform's own document (same number as the paper) is not its own basis.
  const list = titled.filter((b) => b.doc_no !== own).map((b) => b.title!.replace(/^《|》$/g, ''));
  return list.length ? list : [FALLBACK_BASIS];
}

function summaryOf(s: ReformSummary): NonNullable<ReformMeta['summary']> {
  const groups = Object.keys({ ...s.before.byGroup, ...s.after.byGroup })
    .filter((g) => (s.before.byGroup[g] ?? 0) !== (s.after.byGroup[g] ?? 0))
    .map((g) => ({ label: enumLabel('type_group', g), before: s.before.byGroup[g] ?? 0, after: s.after.byGroup[g] ?? 0 }))
    .sort((a, b) => b.before - a.before);
  return { agenciesBefore: s.before.total, agenciesAfter: s.after.total, groups };
}

function background(region: string, s: ReformSummary): string[] {
  const groups = Object.entries(s.before.byGroup).filter(([, n]) => n > 0).map(([g, n]) => `${enumLabel('type_group', g)}${n}个`);
  return [
    `${region}现有各级各类开发区管理机构${s.before.total}个${groups.length ? `，其中${groups.join('、')}` : ''}。` +
      '为进一步理顺开发区管理体制，优化资源配置，提升管理效能，有必要对开发区管理机构进行优化整合。',
  ];
}

/** One row of the 机构整合对照表 from a mapping of the plan, with the before rows and the projection. */
function mappingRow(m: Mapping, i: number, before: SnapshotIndex, afterOf: (key: number | null) => AfterAgency | undefined, targetKey: number | null, basis: string): MappingRow {
  const src = m.source_agency_id != null ? before.agencyById.get(m.source_agency_id) : undefined;
  const srcStaff = m.source_agency_id != null ? before.childrenOf('staffing', m.source_agency_id) : [];
  const srcPosts = m.source_agency_id != null ? before.childrenOf('posts', m.source_agency_id) : [];
  const target = afterOf(targetKey)?.row.full_name ?? (m.action === 'create' ? m.new_name ?? '' : '');
  const action = MAPPING_ACTION_ZH[m.action];
  const moves = m.action === 'merge_into' || m.action === 'abolish';
  const transfer = moves ? transferOf(m, srcStaff) : {};
  const defaults: Record<string, [string, string, string]> = {
    keep: ['保留原有职责', '随机构整体保留', '由本机构继续承担'],
    merge_into: [`职责并入${target}`, `随职责划转至${target}`, `由${target}承接`],
    abolish: [target ? `职责划入${target}` : '相应职责予以取消', target ? `随职责划转至${target}` : '按有关规定妥善安置', target ? `由${target}承接` : '按有关规定清算处置'],
    rename: [`更名为${target}，职责不变`, '随机构整体保留', '由本机构继续承担'],
    retype: [`调整为${enumLabel('type_group', m.new_group ?? afterOf(targetKey)?.row.type_group)}开发区管理机构，职责相应调整`, '随机构整体保留', '由本机构继续承担'],
    rerank: [`机构规格调整为${enumLabel('rank', m.new_rank)}`, '随机构整体保留', '由本机构继续承担'],
    add_nameplate: [`加挂${m.new_name ?? ''}牌子`, '随机构整体保留', '由本机构继续承担'],
    reparent: ['调整隶属关系，职责不变', '随机构整体保留', '由本机构继续承担'],
    create: ['新设机构，承担相应职责', '按有关规定配备', '按有关规定核拨'],
  };
  const [duties, people, assets] = defaults[m.action];
  return {
    seq: i + 1,
    sourceName: src?.full_name ?? '（新设）',
    sourceRank: enumLabel('rank', src?.rank),
    sourceNature: enumLabel('nature', src?.nature),
    sourceStaffing: staffingByLabel(srcStaff),
    sourceLeaderPosts: srcPosts.reduce((n, p) => n + p.approved, 0),
    actualHeadcount: srcStaff.reduce((n, s) => n + (s.actual ?? 0), 0),
    action,
    targetName: target,
    dutiesTo: m.duties_destination || (m.action === 'retype' && m.new_duties_text ? m.new_duties_text : duties),
    staffingTransfer: staffingByLabel(Object.entries(transfer).map(([staffing_type, approved]) => ({ staffing_type, approved }))),
    peopleTo: m.people_note || people,
    assetsDebts: m.assets_note || assets,
    basisDocNo: m.basis_doc_no || basis,
    remarks: m.note ?? '',
  };
}

function lookups(db: Database.Database, before: SnapshotIndex, agencies: readonly AgencyView[]): TargetLookups {
  const functions = new Map<number, FunctionRec>(before.snapshot.functions.map((f) => [f.id, f]));
  const pis = new Map<number, AgencyView[]>();
  for (const a of agencies) {
    if (a.row.agency_kind !== 'public_institution' || a.row.superior_id == null) continue;
    pis.set(a.row.superior_id, [...(pis.get(a.row.superior_id) ?? []), a]);
  }
  return {
    regionName: regionNames(db),
    institutionsOf: (key) => pis.get(key) ?? [],
    functionById: (id) => functions.get(id),
    agencyById: (id) => before.agencyById.get(id),
  };
}

/**
 * The papers of a reform. `docNo` is the 发文字号 of the paper being exported (default: the reform's own
 * document number, 天编委发〔2022〕3号 for the seed reform).
 */
export function papersForReform(db: Database.Database, settings: Record<string, string>, reformId: number, docNo?: DocNumber): BuiltPapers {
  const d = getReform(db, reformId);
  const plan = planOf(d);
  const before = new SnapshotIndex(loadSnapshot(db, previousDay(plan.effective_date), plan.region_code));
  const engine = new RuleEngine(before, plan);
  const after = engine.afterAgencies();
  const removed = engine.removedAgencies();
  const byKey = new Map(after.map((a) => [a.key, a]));
  const removedById = new Map(removed.map((r) => [r.agencyId, r]));
  const look = lookups(db, before, after);
  const office = officeProfile(settings);
  const own = docNo ?? (d.basisDocNo ? parseDocNo(d.basisDocNo) : null);
  if (!own) throw new AppError('invalid_input', `改革方案“${d.name}”没有发文字号，请先登记发文字号`, [{ path: 'docNo', message: '缺少发文字号' }]);
  const ownText = formatDocNo(own);
  const region = regionNames(db)(d.regionCode) || d.regionCode;

  const mapping = d.mappings.map((m, i) => {
    const key = m.action === 'create' ? createdAgencyKey(m) : m.source_agency_id == null ? null
      : removedById.has(m.source_agency_id) ? removedById.get(m.source_agency_id)!.targetKey : m.source_agency_id;
    return mappingRow(m, i, before, (k) => (k == null ? undefined : byKey.get(k)), key, d.basisDocNo || ownText);
  });
  const mgmt = after.filter((a) => a.row.agency_kind === 'zone_mgmt');
  const touched = mgmt.filter((a) => a.touched);
  const toTarget = (a: AfterAgency): TargetAgency => toTargetAgency(a, a.key, look);
  const summary = summarize(before, after, removed);
  const request = d.basisDocs.find((b) => b.doc_type === 'request' && b.title);
  const reqNo = request ? parseDocNo(request.doc_no) : null;
  const reform: ReformMeta = {
    name: d.name,
    regionName: region,
    basisDocs: basisDocs(d, ownText),
    docNo: own,
    effectiveDate: d.effectiveDate,
    background: background(region, summary),
    summary: summaryOf(summary),
    ...(request && reqNo ? { request: { title: request.title!, docNo: reqNo, requester: request.recipients?.[0] ?? '' } } : {}),
    illustrative: touched.some(isIllustrative) || /演示|示例/.test(d.notes ?? ''),
  };
  const paper: PaperData = { schemaVersion: PAPER_SCHEMA_VERSION, office, reform, mapping, targets: touched.map(toTarget) };
  return { paper, roster: { ...paper, targets: mgmt.map(toTarget) }, reformId };
}

/** 编制统计表 / 机构台账 of the register as it stands on `asOf` (default today), within a region (default: settings demo.region, else everywhere). */
export function papersForRegister(db: Database.Database, settings: Record<string, string>, opts: { regionCode?: string | null; asOf?: string } = {}): BuiltPapers {
  const asOf = opts.asOf ?? todayCst();
  const code = opts.regionCode ?? settings['demo.region'] ?? settings['office.region'] ?? '';
  const index = new SnapshotIndex(loadSnapshot(db, asOf, code));
  const views: Array<AgencyView & { key: number }> = index.snapshot.agencies.map((row) => ({
    key: row.id, row, zones: index.zonesOf(row.id), nameplates: index.childrenOf('nameplates', row.id), departments: index.childrenOf('departments', row.id),
    staffing: index.childrenOf('staffing', row.id), posts: index.childrenOf('posts', row.id), functions: index.childrenOf('functions', row.id),
    dispatched: index.childrenOf('dispatched', row.id),
  }));
  const look = lookups(db, index, views);
  const mgmt = views.filter((v) => v.row.agency_kind === 'zone_mgmt');
  const targets = mgmt.map((v) => toTargetAgency(v, v.key, look));
  const office = officeProfile(settings);
  const region = code ? regionNames(db)(code) : '全国';
  const lineage = db.prepare('SELECT doc_no FROM lineage WHERE to_agency_id = ? AND doc_no IS NOT NULL ORDER BY effective_date DESC, id DESC LIMIT 1');
  const reform: ReformMeta = {
    name: `${region}开发区管理机构`,
    regionName: region,
    basisDocs: [],
    // Only to satisfy the paper's shape: register-only papers print no 发文字号 (patchContext blanks it).
    docNo: { prefix: office.docPrefix || '编', year: Number(asOf.slice(0, 4)), number: 1 },
    effectiveDate: asOf,
    titles: { staffing: `${region}开发区管理机构编制统计表`, ledger: `${region}开发区管理机构台账` },
    illustrative: mgmt.some(isIllustrative),
  };
  const paper: PaperData = { schemaVersion: PAPER_SCHEMA_VERSION, office, reform, mapping: [], targets };
  const patchContext = (ctx: Record<string, unknown>, docType: PaperDocType) => {
    ctx.发文字号 = '';
    ctx.依据文件 = '';
    ctx.改革名称 = `登记簿数据，截至${formatChineseDate(asOf)}`;
    if (docType === 'ledger' && Array.isArray(ctx.机构台账)) {
      ctx.机构台账 = (ctx.机构台账 as Record<string, unknown>[]).map((r, i) => {
        const v = mgmt[i];
        const doc = (lineage.get(v.row.id) as { doc_no: string } | undefined)?.doc_no ?? '';
        return { ...r, 依据文号: doc, 施行日期: v.row.valid_from ? formatChineseDate(String(v.row.valid_from)) : '' };
      });
    }
  };
  return { paper, roster: paper, reformId: null, patchContext };
}

