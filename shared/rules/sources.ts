// Where each rule comes from (shown next to every result, as domain.md §5(b) asks), its title, and the
// helper that builds a result with a stable key.
import type { RuleId, RuleItem, RuleResult, Severity } from './types';

const SEED = '天水市机构编制网 2022-03-16《天水市优化管理体制机制助推开发区高质量发展》';
const GANSU_REQ = '甘肃省编办机构编制事项请示要求（酒泉、定西、合作编办公开要求）';

export const RULE_INFO: Record<RuleId, { title: string; source: string }> = {
  R1: { title: '一个县域内同类型开发区管理机构只设一个', source: `${SEED}：“一个县域内只设置一个类型的开发区管理机构”；衡阳、安康、安徽“一县一区”` },
  R2: { title: '每个开发区有且只有一个管理机构', source: `国办发〔2017〕7号（安徽省实施意见转述）；${SEED}（“一区多园”）` },
  R3: { title: '党工委、管委会“一个机构、两块牌子”', source: `${SEED}：党工委作为党委派出机构，与管委会合署办公` },
  R4: { title: '内设机构不超过限额', source: `${SEED}（“在规定的限额内”）；安康市编办` },
  R5: { title: '综合性内设机构不超过总数的规定比例', source: `${SEED}：综合性内设机构设置不超过总数的30%` },
  R6: { title: '开发区不设社会事务机构', source: `${SEED}（社会事务由所在县区承担）；发改规划〔2015〕2832号；唐山、镇江` },
  R7: { title: '派驻机构从严从紧设置', source: `${SEED}（撤销市自然资源局派驻机构，“能放尽放，能授尽授”）；衡阳市编办` },
  R8: { title: '每个原机构都有处理方式及职责、人员、资产去向', source: GANSU_REQ },
  R9: { title: '编制按类型总量不增加', source: `${GANSU_REQ}（编制来源）；安徽省2014年机构编制统计年报要求` },
  R10: { title: '实有人数不超过核定编制', source: '机构编制实名制管理' },
  R11: { title: '领导职数不超配、规格不擅自提高', source: `${GANSU_REQ}；超职数、超规格预警` },
  R12: { title: '机构总数只减不增', source: `${SEED}（总数由26个精简至23个，工业类由15个整合为6个）` },
  R13: { title: '机构名称规范、区域内不重名', source: '机构命名惯例（××管理委员会、中共××工作委员会）' },
  R14: { title: '新设事业单位为公益类并明确经费形式和举办单位', source: '中发〔2011〕5号（事业单位分类改革）' },
  R15: { title: '职权随机构划转并有赋权依据', source: `${SEED}；霍邱县赋权清单（皖编办〔2020〕142号）` },
  R16: { title: '“三定”要素齐全，明确与属地政府的职责边界', source: `“三定”规定制定和实施办法（2020）；${SEED}` },
  R17: { title: '开发区目录信息一致', source: '中国开发区审核公告目录（2018年版）；科技部农业科技园区批复' },
  R18: { title: '每项调整都有批准文件', source: '泰州市高港区机构编制实名制管理（批文、收回证书）' },
  R19: { title: '请示一事一报、不多头请示', source: `${GANSU_REQ}；《党政机关公文处理工作条例》` },
  R20: { title: '改革后状态自生效日期起有效', source: '系统设计：按生效日期区分改革前后状态' },
  USCC: { title: '统一社会信用代码校验', source: 'GB 32100-2015《法人和其他组织统一社会信用代码编码规则》' },
};

const itemKey = (i: RuleItem): string => (i.field ? `${i.table}:${i.id}.${i.field}` : `${i.table}:${i.id}`);

export function result(rule: RuleId, severity: Severity, message: string, items: RuleItem[], discriminator = ''): RuleResult {
  // Built for every finding of a national check: no intermediate arrays.
  let key = `${rule}|`;
  for (let i = 0; i < items.length; i++) key += i === 0 ? itemKey(items[i]) : `,${itemKey(items[i])}`;
  if (discriminator) key += `|${discriminator}`;
  return { rule, severity, message, items, source: RULE_INFO[rule].source, key };
}

export const RULE_ORDER: RuleId[] = [
  'R1', 'R2', 'R3', 'R4', 'R5', 'R6', 'R7', 'R8', 'R9', 'R10', 'R11', 'R12', 'R13', 'R14', 'R15', 'R16', 'R17', 'R18', 'R19', 'R20', 'USCC',
];
