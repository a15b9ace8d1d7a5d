// Prose of the papers, generated from PaperData in the patterns of shared/domain.md §2.2 and §4. Headings are
// numbered here (一、（一）1.（1）), never by Word. Pure functions (no node imports).
import {
  bookTitle,
  formatChineseDate,
  formatDocNo,
  formatStaffing,
  headingNumber,
  joinZh,
  type MappingRow,
  type PaperData,
  type TargetAgency,
} from '../../shared/papers';

export interface Block {
  一级: boolean;
  二级: boolean;
  三级: boolean;
  段落: boolean;
  编号: string;
  小标题: string;
  文字: string;
}

/** Builds 正文 blocks with automatic GB/T 9704 heading numbers. */
export class Outline {
  readonly blocks: Block[] = [];
  private n = [0, 0, 0, 0];
  private push(level: 0 | 1 | 2 | 3 | 4, title: string, text: string) {
    let 编号 = '';
    if (level) {
      this.n[level - 1]++;
      for (let i = level; i < 4; i++) this.n[i] = 0;
      编号 = headingNumber(level, this.n[level - 1]);
    }
    this.blocks.push({ 一级: level === 1, 二级: level === 2, 三级: level >= 3, 段落: level === 0, 编号, 小标题: title, 文字: text });
    return this;
  }
  h1 = (title: string, text = '') => this.push(1, title, text);
  h2 = (title: string, text = '') => this.push(2, title, text);
  h3 = (title: string, text = '') => this.push(3, title, text);
  h4 = (title: string, text = '') => this.push(4, title, text);
  p = (text: string) => (text.trim() ? this.push(0, '', text) : this);
}

/** Ends a sentence with 。 unless it already ends with punctuation. */
export const sentence = (s: string) => (s && !/[。！？；：…]$/.test(s.trim()) ? `${s.trim()}。` : s.trim());

export const shortNameOf = (t: TargetAgency) => t.shortName || t.adminName;
export const basisText = (p: PaperData) => joinZh(p.reform.basisDocs.map(bookTitle));
export const leaderText = (t: TargetAgency) => joinZh(t.leaderPosts.filter((l) => l.count > 0).map((l) => `${l.title}${l.count}名`));
export const effectiveText = (p: PaperData) => formatChineseDate(p.reform.effectiveDate);

/** 第二条 / 机构设置 sentence with the 党工委 + 管委会 "一个机构、两块牌子" clause. */
export function natureSentence(t: TargetAgency): string {
  const zones = t.zones?.length ? `，统一管理${joinZh(t.zones)}` : '';
  if (t.partyName) {
    return (
      `${t.partyName}是${t.dispatchingParty}的派出机构，${t.adminName}是${t.dispatchingGov}的派出机构，` +
      `两者合署办公，实行“一个机构、两块牌子”的管理体制，为${t.rankLabel}${zones}。`
    );
  }
  return `${t.adminName}是${t.dispatchingGov}的派出机构，为${t.rankLabel}${zones}。`;
}

export function staffingSentence(t: TargetAgency): string {
  const s = formatStaffing(t.staffing);
  const leaders = leaderText(t);
  return `${shortNameOf(t)}核定${s || '编制另行核定'}${leaders ? `；领导职数：${leaders}` : ''}。`;
}

const rowsFor = (p: PaperData, t: TargetAgency) => p.mapping.filter((r) => r.targetName === t.adminName || r.targetName === t.partyName);

function summaryText(p: PaperData): string {
  const s = p.reform.summary;
  if (!s) return '';
  const groups = (s.groups ?? []).map((g) => `${g.label}开发区管理机构由${g.before}个整合为${g.after}个`);
  return `全市各级各类开发区管理机构总数由${s.agenciesBefore}个精简至${s.agenciesAfter}个${groups.length ? `，其中${groups.join('，')}` : ''}。`;
}

function actionGroups(rows: MappingRow[]): string[] {
  const by = new Map<string, MappingRow[]>();
  for (const r of rows) by.set(r.action, [...(by.get(r.action) ?? []), r]);
  const out: string[] = [];
  for (const [action, rs] of by) {
    if (action === '整合并入') {
      const byTarget = new Map<string, string[]>();
      for (const r of rs) byTarget.set(r.targetName, [...(byTarget.get(r.targetName) ?? []), r.sourceName]);
      for (const [target, srcs] of byTarget) out.push(`将${joinZh(srcs)}整合并入${target}。`);
    } else if (action === '更名') out.push(...rs.map((r) => `${r.sourceName}更名为${r.targetName}。`));
    else if (action === '保留') out.push(`保留${joinZh(rs.map((r) => r.sourceName))}。`);
    else out.push(`${action}：${joinZh(rs.map((r) => r.sourceName + (r.targetName && r.targetName !== r.sourceName ? `（调整后为${r.targetName}）` : '')))}。`);
  }
  return out;
}

function transferText(r: MappingRow): string {
  const s = formatStaffing(r.staffingTransfer);
  return `${r.sourceName}${s ? `${s}` : '编制'}划转至${r.targetName || '相关单位'}，人员${r.peopleTo.replace(/。$/, '')}`;
}

export function requestBody(p: PaperData): Block[] {
  const o = new Outline();
  o.p(`为深入贯彻落实${basisText(p)}精神，进一步理顺开发区管理体制，结合${p.reform.regionName}实际，现就${p.reform.name}有关事项请示如下。`);
  o.h1('改革的必要性和依据');
  for (const b of p.reform.background ?? []) o.p(b);
  o.h1('机构整合方案');
  o.p(summaryText(p));
  for (const t of p.targets) {
    const srcs = rowsFor(p, t).filter((r) => r.action === '整合并入').map((r) => r.sourceName);
    o.h2(`${t.adminName}。`, natureSentence(t) + (srcs.length ? `整合${joinZh(srcs)}的管理职能。` : ''));
  }
  o.h1('职责调整');
  for (const r of p.mapping) o.p(`${r.sourceName}：${r.action}，${sentence(r.dutiesTo)}`);
  o.h1('编制和人员安置');
  for (const t of p.targets) o.h2(`${t.adminName}。`, staffingSentence(t));
  o.p(`按照“人随事走、编随事转”的原则，${p.mapping.filter((r) => r.action !== '保留').map(transferText).join('；')}。`);
  o.h1('资产和债务处理');
  o.p(p.mapping.filter((r) => r.assetsDebts).map((r) => `${r.sourceName}${r.assetsDebts.replace(/。$/, '')}`).join('；') + '。');
  o.h1('其他事项');
  o.p(`各开发区管理机构的“三定”规定另行制定。机构调整自${effectiveText(p)}起实施。`);
  o.p('妥否，请批示。');
  return o.blocks;
}

export function planBody(p: PaperData): Block[] {
  const o = new Outline();
  o.h1('指导思想');
  o.p(
    `坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实${basisText(p)}，聚焦制约开发区发展的体制机制障碍，` +
      '科学规范机构，优化资源配置，理顺各方关系，不断激发内生动力，推动开发区高质量发展。',
  );
  o.h1('基本原则');
  o.h2('坚持党的全面领导。', '在开发区设立党工委，作为党委派出机构，与开发区管委会合署办公，实行“一个机构、两块牌子”的管理体制。');
  o.h2('坚持精简高效。', '稳妥推进“一区多园”管理模式，一个县域内只设置一个类型的开发区管理机构，在规定限额内精简综合事务部门。');
  o.h2('坚持权责一致。', '厘清开发区管委会与属地政府权责边界，开发区范围内的社会事务管理职能由所在县区和相关职能部门承担。');
  o.h1('目标任务');
  o.p(summaryText(p));
  o.h1('主要内容');
  for (const t of p.targets) {
    o.h2(`${t.adminName}。`, natureSentence(t));
    if (t.departments.length) {
      o.h3('内设机构。', `设${t.departments.length}个内设机构：${joinZh(t.departments.map((d) => d.name))}。`);
    }
    o.h3('人员编制。', staffingSentence(t));
    if (t.dispatchedUnits.length) o.h3('派驻机构。', `设${joinZh(t.dispatchedUnits.map((d) => d.name))}。`);
    if (t.publicInstitutions.length) o.h3('事业单位。', `设${joinZh(t.publicInstitutions.map((d) => `${d.name}（${d.suClass}，${d.funding}）`))}。`);
  }
  o.h1('职责边界');
  for (const t of p.targets) for (const b of t.dutyBoundary) o.p(b);
  o.h1('实施步骤');
  o.h2('动员部署。', '各县区、各有关部门统一思想，明确任务分工和时间节点。');
  o.h2('组织实施。', '按照机构整合对照表，完成职责划转、编制划转、人员转隶和资产移交。');
  o.h2('总结验收。', `${effectiveText(p)}起按新的机构设置运行，及时调整机构编制实名制数据。`);
  o.h1('组织保障');
  o.p('严格执行机构编制纪律，严禁超编进人、超职数配备领导干部、擅自提高机构规格；加强督促检查，确保改革任务落实到位。');
  return o.blocks;
}

export function replyBody(p: PaperData): Block[] {
  const o = new Outline();
  const req = p.reform.request;
  if (req) o.p(`你单位《${req.title.replace(/^《|》$/g, '')}》（${formatDocNo(req.docNo)}）收悉。经研究，现批复如下：`);
  o.h1('', `同意${p.reform.name}。${summaryText(p)}`);
  for (const t of p.targets) o.h1('', natureSentence(t) + staffingSentence(t));
  o.h1('', '按照“人随事走、编随事转”的原则，做好职责、编制和人员的划转工作，妥善处理资产和债务。');
  o.h1('', `请按照本批复要求，认真组织实施，严格执行机构编制纪律，机构调整自${effectiveText(p)}起实施。`);
  o.p('此复。');
  return o.blocks;
}

export function noticeBody(p: PaperData): Block[] {
  const o = new Outline();
  o.p(`根据${basisText(p)}，经研究，现将${p.reform.name}有关事项通知如下：`);
  o.h1('机构调整');
  o.p(summaryText(p));
  for (const s of actionGroups(p.mapping)) o.p(s);
  o.h1('机构设置');
  for (const t of p.targets) o.p(natureSentence(t));
  o.h1('内设机构');
  for (const t of p.targets) if (t.departments.length) o.p(`${shortNameOf(t)}设${t.departments.length}个内设机构：${joinZh(t.departments.map((d) => d.name))}。`);
  o.h1('编制和领导职数');
  for (const t of p.targets) o.p(staffingSentence(t));
  o.h1('编制和人员划转');
  o.p(`按照“人随事走、编随事转”的原则，${p.mapping.filter((r) => r.action !== '保留').map(transferText).join('；')}。`);
  o.h1('其他事项');
  o.p('各开发区管理机构的“三定”规定另行印发。');
  o.p(`本通知自${effectiveText(p)}起施行。`);
  return o.blocks;
}

/** Fields of the 三定规定 for one target agency (第一条…第八条). */
export function sandingFields(p: PaperData, t: TargetAgency) {
  const short = shortNameOf(t);
  const basis = basisText(p);
  const duties = [
    ...t.mainDuties,
    `完成${t.dispatchingParty}、${t.dispatchingGov}交办的其他任务。`,
    `职能转变。${t.functionTransformation}`,
  ].map((d, i) => ({ 编号: headingNumber(2, i + 1), 文字: sentence(d) }));
  const other: string[] = [];
  if (t.dutyBoundary.length) other.push(`与${t.hostGovernment}的职责分工。${t.dutyBoundary.join('')}`);
  if (t.dispatchedUnits.length) {
    other.push(`派驻机构。${joinZh(t.dispatchedUnits.map((d) => `${d.name}${d.mode ? `（${d.mode}）` : ''}`))}按有关规定派驻开发区，由派出部门与${short}双重管理。`);
  }
  if (t.publicInstitutions.length) {
    other.push(`所属事业单位。${joinZh(t.publicInstitutions.map((u) => `${u.name}（${u.suClass}，${u.funding}${u.staffing ? `，事业编制${u.staffing}名` : ''}）`))}为${short}所属事业单位，其机构编制事项另行规定。`);
  }
  const interpreter = p.office.interpreter ?? p.office.printingOrgan;
  const title = t.partyName ? `${t.partyName}\n${t.adminName}\n职能配置、内设机构和人员编制规定` : `${t.adminName}\n职能配置、内设机构和人员编制规定`;
  return {
    标题: p.reform.titles?.sanding ?? title,
    机构名称: t.partyName ? `${t.partyName}（${t.adminName}）` : t.adminName,
    党工委名称: t.partyName,
    管委会名称: t.adminName,
    机构简称: short,
    制定依据: `为坚持和加强党的全面领导，深化开发区管理体制改革，规范${short}职能配置、内设机构和人员编制，根据《中国共产党机构编制工作条例》${basis ? `和${basis}` : ''}等有关规定，制定本规定。`,
    机构性质: natureSentence(t),
    规定效力: `${short}贯彻落实党中央关于开发区工作的方针政策和决策部署，在履行职责过程中坚持和加强党的集中统一领导。本规定是${short}职能配置、内设机构和人员编制、开展工作的基本依据。`,
    职责总述: `${short}的主要职责是：`,
    主要职责: duties,
    内设机构总述: `${short}设下列内设机构${t.internalDeptCap ? `（限额${t.internalDeptCap}个）` : ''}：`,
    内设机构: t.departments.map((d, i) => ({ 编号: headingNumber(2, i + 1), 名称: d.name, 职能类别: d.functionClass, 职责: sentence(d.duties), 领导职数: d.leaderPosts ?? 0 })),
    编制条款: `${short}机关${formatStaffing(t.staffing) ? `核定${formatStaffing(t.staffing)}` : '编制另行核定'}。`,
    领导职数条款: [leaderText(t) ? `设${leaderText(t)}。` : '', t.deptLeaderPosts ? sentence(`内设机构领导职数${t.deptLeaderPosts}`) : ''].filter(Boolean),
    其他事项总述: '其他事项。',
    其他事项: other.map((s, i) => ({ 编号: headingNumber(2, i + 1), 文字: sentence(s) })),
    附则: `本规定由${interpreter}负责解释，其调整由${interpreter}按规定程序办理。本规定自${effectiveText(p)}起施行。`,
  };
}
