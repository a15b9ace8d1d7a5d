// The demo's draft reform: "天水市开发区管理机构优化整合", basis 天编委发〔2022〕3号 (the document number is
// illustrative), effective 2022-03-16 (the date of the seed article), region 天水市 620500.
//
// How the seed article's figures are read (illustrative: the public sources do not give the breakdown):
// - "26个精简至23个": three agencies fewer, all by merging (整合并入) — A11 秦州区工业园区 and A12 麦积区中滩
//   工业园区 into A01 天水经济技术开发区 (一区多园: their zones become parks of the ETDZ), A13 秦安县西川工业
//   园区 into A06 秦安县工业园区.
// - "15个工业类整合为6个": besides those three, six industrial agencies move to another zone-type group by
//   re-typing (调整类型) with new names — A14 秦安、A15 甘谷、A16 清水 to agricultural (现代农业产业园),
//   A17 武山、A18 张家川、A19 秦州 to logistics (物流园区): 15 − 3 − 6 = 6 industrial agencies remain
//   (A01, A05, A06, A07, A08, A10). This is also the article's "调整农业类、物流类开发区管理机构6个".
// - The result has at most one agency per zone-type group in every county (R1, Tianshui mode).
// - 一个机构、两块牌子: A03 and A04 get their 党工委 nameplate (加挂牌子).
// - Social affairs go to the county governments: A01's 社会事务局 and A26's 社会事务科 end, and the social-
//   affairs functions of A01, A11 and A26 are recorded as transferred to the host county government.
// - A01's departments are regrouped within its cap so comprehensive departments stay within 30% (R5):
//   组织人事部 is integrated into 党政办公室, a 综合监管局 (safety, environment, emergency) is set up.
// - Dispatched units as in the article: tax, audit, market regulation, police, environment and emergency
//   stay; the 市自然资源局 unit is revoked and its matters are delegated to the ETDZ's departments.
// - Two public institutions are created under A01 (天水经济技术开发区政务服务中心, 公益一类, 全额拨款;
//   天水经济技术开发区项目建设中心, 公益二类, 差额拨款), staffed with 18 of A01's fiscal PI posts.
// - A17's third deputy director (over its posts, 超职数) is placed elsewhere, so R11 passes.
// `reform check` of this plan has no errors; it has warnings (e.g. R16, R17) to acknowledge.
import type { Store } from '../store';
import { itemToRow, mappingToRow, type ItemInput, type MappingInput } from '../reform/plans';

export const SEED_REFORM_NAME = '天水市开发区管理机构优化整合';
export const SEED_REFORM_DOC = '天编委发〔2022〕3号';
export const SEED_REFORM_DATE = '2022-03-16';

const COUNTY_GOV: Record<string, string> = {
  '620502': '秦州区人民政府', '620503': '麦积区人民政府', '620521': '清水县人民政府', '620522': '秦安县人民政府',
  '620523': '甘谷县人民政府', '620524': '武山县人民政府', '620525': '张家川回族自治县人民政府',
};

const MERGES: Array<[source: string, target: string]> = [['A11', 'A01'], ['A12', 'A01'], ['A13', 'A06']];
const RETYPES: Array<[code: string, zoneType: string, group: string, name: string]> = [
  ['A14', 'modern_agri_park', 'agricultural', '秦安县现代农业产业园管理委员会'],
  ['A15', 'modern_agri_park', 'agricultural', '甘谷县现代农业产业园管理委员会'],
  ['A16', 'modern_agri_park', 'agricultural', '清水县食用菌现代农业产业园管理委员会'],
  ['A17', 'logistics_hub', 'logistics', '武山县洛门物流园区管理委员会'],
  ['A18', 'logistics_hub', 'logistics', '张家川县龙山物流园区管理委员会'],
  ['A19', 'logistics_hub', 'logistics', '秦州区娘娘坝物流园区管理委员会'],
];

export function seedTianshuiReform(store: Store): number | null {
  const db = store.db;
  if (db.prepare('SELECT 1 FROM reforms WHERE name = ?').get(SEED_REFORM_NAME)) return null;
  const agencies = db.prepare(`SELECT id, code, full_name, host_region_code FROM agencies WHERE agency_kind = 'zone_mgmt' AND valid_to IS NULL ORDER BY id`).all() as Array<{ id: number; code: string; full_name: string; host_region_code: string }>;
  const byCode = new Map(agencies.map((a) => [a.code, a]));
  if (!byCode.has('A01') || !byCode.has('A26')) return null; // not the demo register
  const id = (code: string) => byCode.get(code)!.id;
  const row = (table: string, agency: string, col: string, value: string | number): number =>
    (db.prepare(`SELECT id FROM ${table} WHERE ${table === 'dispatched_units' ? 'host_agency_id' : 'agency_id'} = ? AND ${col} = ? AND valid_to IS NULL`).get(id(agency), value) as { id: number }).id;

  const mappings: MappingInput[] = agencies.map((a): MappingInput => {
    const merge = MERGES.find(([s]) => s === a.code);
    if (merge) {
      const target = byCode.get(merge[1])!;
      return {
        source_agency_id: a.id, action: 'merge_into', target_agency_id: target.id,
        duties_destination: `经济管理、招商引资、项目建设等职责并入${target.full_name}；区内社会事务由${COUNTY_GOV[a.host_region_code]}及相关部门承担`,
        people_note: `在编人员随职责整体划转${target.full_name}，按“人随事走”原则安置`,
        assets_note: `资产及债权债务由${target.full_name}承接，按规定办理划转手续`,
        note: '一区多园：原园区作为园区纳入统一管理',
      };
    }
    const retype = RETYPES.find(([c]) => c === a.code);
    if (retype) {
      const zone = retype[3].replace(/管理委员会$/, '');
      return {
        source_agency_id: a.id, action: 'retype', new_zone_type: retype[1], new_group: retype[2], new_name: retype[3],
        new_duties_text: `负责${zone}的规划建设、产业培育、招商引资和企业服务工作。区内社会管理和公共服务由${COUNTY_GOV[a.host_region_code]}负责，双方职责边界按本机构“三定”规定执行。`,
        note: '按主导产业调整开发区类型',
      };
    }
    if (a.code === 'A03' || a.code === 'A04') {
      return { source_agency_id: a.id, action: 'add_nameplate', new_name: `中共${a.full_name.replace(/管理委员会$/, '')}工作委员会`, note: '实行党工委、管委会“一个机构、两块牌子”' };
    }
    return { source_agency_id: a.id, action: 'keep' };
  });

  const a01 = byCode.get('A01')!;
  const items: ItemInput[] = [
    { kind: 'department', op: 'end', target_id: row('departments', 'A01', 'name', '组织人事部'), payload: {}, note: '组织人事职责并入党政办公室' },
    { kind: 'department', op: 'update', target_id: row('departments', 'A01', 'name', '党政办公室'), payload: { duties_text: '负责党务政务综合协调、组织人事、机构编制等工作。' }, note: '承接组织人事部职责' },
    { kind: 'department', op: 'end', target_id: row('departments', 'A01', 'name', '社会事务局'), payload: {}, note: '社会事务交由麦积区人民政府承担' },
    { kind: 'department', op: 'create', agency_id: a01.id, payload: { name: '综合监管局', function_class: 'regulation', rank: 'section_full', leader_posts: 1, duties_text: '负责区内安全生产、生态环境保护、应急管理的协调监管工作。' } },
    { kind: 'department', op: 'end', target_id: row('departments', 'A26', 'name', '社会事务科'), payload: {}, note: '社会事务交由秦州区人民政府承担' },
    { kind: 'department', op: 'create', agency_id: id('A26'), payload: { name: '招商服务科', function_class: 'investment_promotion', rank: 'section_deputy', leader_posts: 1 } },
    ...(['A01', 'A11', 'A26'] as const).map((code): ItemInput => ({
      kind: 'function', op: 'end', target_id: row('functions', code, 'is_social_affairs', 1),
      payload: { destination: `${COUNTY_GOV[byCode.get(code)!.host_region_code]}及相关部门` }, note: '按属地化管理原则划转社会事务',
    })),
    { kind: 'function', op: 'create', agency_id: a01.id, payload: { name: '自然资源领域授权事项办理', power_type: 'licensing', is_social_affairs: 0, delegation_doc: SEED_REFORM_DOC }, note: '原市自然资源局派驻机构职能，按“能放尽放、能授尽授”授权管委会内设机构办理' },
    { kind: 'dispatched_unit', op: 'end', target_id: row('dispatched_units', 'A01', 'domain', 'natural_resources'), payload: {}, note: '撤销市自然资源局派驻机构' },
    { kind: 'leader_post', op: 'update', target_id: row('leader_posts', 'A17', 'title', '管委会副主任'), payload: { filled: 2 }, note: '超配的1名副主任另行安排' },
    { kind: 'staffing', op: 'update', target_id: row('staffing', 'A01', 'staffing_type', 'su_fiscal'), payload: { approved_delta: -18, actual_delta: -18 }, note: '划出18名财政补助事业编制至新设事业单位' },
    { kind: 'public_institution', op: 'create', payload: {
      full_name: '天水经济技术开发区政务服务中心', short_name: '经开区政务服务中心', su_class: 'public_welfare_1', funding_form: 'full_funded', rank: 'section_full',
      superior_id: a01.id, host_region_code: a01.host_region_code, duties_text: '承担区内政务服务事项“一站式办理”、帮办代办等服务工作。', staffing: { su_fiscal: { approved: 10, actual: 10 } },
    }, note: '天水市机构编制网 2022-03-16 所述' },
    { kind: 'public_institution', op: 'create', payload: {
      full_name: '天水经济技术开发区项目建设中心', short_name: '经开区项目建设中心', su_class: 'public_welfare_2', funding_form: 'partial_funded', rank: 'section_full',
      superior_id: a01.id, host_region_code: a01.host_region_code, duties_text: '为入园企业项目建设提供前期服务和技术指导。', staffing: { su_fiscal: { approved: 8, actual: 8 } },
    }, note: '天水市机构编制网 2022-03-16 所述' },
  ];

  const { result } = store.wp.mutate(`载入演示改革方案：${SEED_REFORM_NAME}（草稿）`, (tx) => {
    const r = tx.insert('reforms', {
      name: SEED_REFORM_NAME, basis_doc_no: SEED_REFORM_DOC, effective_date: SEED_REFORM_DATE, region_code: '620500', status: 'draft',
      basis_docs: JSON.stringify([{ doc_no: SEED_REFORM_DOC, title: '中共天水市委机构编制委员会关于全市开发区管理机构优化整合的实施方案', doc_type: 'implementation_plan', date: SEED_REFORM_DATE }]),
      rule_profile: '{}', created_at: new Date().toISOString(),
      notes: '演示方案：整合口径为示例（公开资料未给出26→23的具体构成），编制数字为虚构。',
    });
    mappings.forEach((m, i) => tx.insert('reform_mappings', mappingToRow(m, r.id, i + 1)));
    items.forEach((it, i) => tx.insert('reform_items', itemToRow(it, r.id, i + 1)));
    return r.id;
  }, 'baseline');
  return result;
}
