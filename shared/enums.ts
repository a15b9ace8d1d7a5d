// Every enumeration of the register, defined once: English key (stored), Chinese label (shown), English label.
// Keys and labels follow ../shared/domain.md §5(a). The UI, import, paste and export all read these lists.

export interface EnumOption {
  readonly key: string;
  readonly zh: string;
  readonly en: string;
  /** Other spellings accepted on input (paste, import), e.g. short forms officials type. */
  readonly aliases?: readonly string[];
}

const opt = (key: string, zh: string, en: string, aliases?: string[]): EnumOption => ({ key, zh, en, aliases });

export const ENUMS = {
  zone_level: [
    opt('national', '国家级', 'National'),
    opt('provincial', '省级', 'Provincial'),
    opt('municipal', '市级', 'Municipal'),
    opt('county', '县级', 'County'),
    opt('unlisted', '未纳入目录', 'Not in catalogue', ['其他']),
  ],
  zone_type: [
    opt('etdz', '经济技术开发区', 'Economic & technological development zone', ['经开区']),
    opt('hitech', '高新技术产业开发区', 'High-tech zone', ['高新区']),
    opt('bonded', '综合保税区', 'Bonded zone', ['海关特殊监管区域', '综保区']),
    opt('border_coop', '边境经济合作区', 'Border cooperation zone', ['跨境经济合作区']),
    opt('prov_econ_dz', '省级经济开发区', 'Provincial economic development zone', ['经济开发区']),
    opt('industrial_park', '工业园区', 'Industrial park', ['工业集中区']),
    opt('agri_sci_park', '农业科技园区', 'Agricultural S&T park'),
    opt('modern_agri_park', '现代农业产业园', 'Modern agricultural park'),
    opt('logistics_hub', '物流园区', 'Logistics hub / land port', ['国际陆港']),
    opt('scenic_area', '景区', 'Scenic area', ['旅游区']),
    opt('other_function_zone', '其他功能区', 'Other functional zone', ['新区']),
  ],
  type_group: [
    opt('industrial', '工业类', 'Industrial'),
    opt('agricultural', '农业类', 'Agricultural'),
    opt('logistics', '物流类', 'Logistics'),
    opt('tourism', '文旅类', 'Tourism'),
    opt('other', '其他', 'Other'),
  ],
  agency_kind: [
    opt('zone_mgmt', '开发区管理机构', 'Zone management agency', ['开发区管理机构(党工委/管委会)', '管委会']),
    opt('party_dispatched', '党委派出机构', 'Party-dispatched body'),
    opt('gov_dispatched', '政府派出机构', 'Government-dispatched body'),
    opt('gov_department', '政府工作部门', 'Government department'),
    opt('public_institution', '事业单位', 'Public institution'),
  ],
  nature: [
    opt('admin_organ', '行政机关', 'Administrative organ'),
    opt('party_organ', '政党机关', 'Party organ'),
    opt('civil_service_ref_su', '参照公务员法管理事业单位', 'Civil-service-managed PI', ['参公事业单位', '参公']),
    opt('public_institution', '事业单位', 'Public institution'),
    opt('social_org', '社会团体', 'Social organisation'),
    opt('other', '其他', 'Other'),
  ],
  rank: [
    opt('bureau_full', '正厅级', 'Bureau (full)', ['正厅']),
    opt('bureau_deputy', '副厅级', 'Bureau (deputy)', ['副厅']),
    opt('county_full', '正县级', 'County/division (full)', ['正县(处)级', '正处级', '正处', '正县']),
    opt('county_deputy', '副县级', 'County/division (deputy)', ['副县(处)级', '副处级', '副处', '副县']),
    opt('section_full', '正科级', 'Section (full)', ['正科']),
    opt('section_deputy', '副科级', 'Section (deputy)', ['副科']),
    opt('unit', '股级', 'Unit'),
    opt('unranked', '未定级', 'Unranked'),
  ],
  su_class: [
    opt('admin_function', '承担行政职能', 'Administrative functions'),
    opt('public_welfare_1', '公益一类', 'Public welfare class 1'),
    opt('public_welfare_2', '公益二类', 'Public welfare class 2'),
    opt('commercial', '生产经营类', 'Commercial'),
  ],
  funding_form: [
    opt('full_funded', '全额拨款', 'Fully funded'),
    opt('partial_funded', '差额拨款', 'Partially funded', ['差额补贴']),
    opt('self_funded', '自收自支', 'Self-funded', ['经费自理']),
    opt('enterprise_managed', '企业化管理', 'Enterprise-managed'),
  ],
  staffing_type: [
    opt('administrative', '行政编制', 'Administrative'),
    opt('political_legal', '政法专项编制', 'Political-legal'),
    opt('su_civil_service_ref', '参公事业编制', 'PI (civil-service-managed)', ['参照公务员管理事业编制']),
    opt('su_fiscal', '财政补助事业编制', 'PI (fiscal)', ['事业编制']),
    opt('su_self_funded', '自收自支事业编制', 'PI (self-funded)'),
    opt('logistics_worker', '机关工勤编制', 'Logistics worker', ['工勤编制']),
  ],
  dept_function_class: [
    opt('comprehensive', '综合性', 'Comprehensive', ['综合']),
    opt('economic', '经济发展', 'Economic development'),
    opt('investment_promotion', '招商引资', 'Investment promotion'),
    opt('planning_construction', '规划建设', 'Planning & construction'),
    opt('regulation', '综合监管', 'Regulation'),
    opt('enterprise_service', '企业服务', 'Enterprise service', ['政务服务']),
    opt('innovation', '科技创新', 'Innovation'),
    opt('special', '特色', 'Special'),
    opt('social_affairs', '社会事务', 'Social affairs'),
  ],
  dispatched_domain: [
    opt('tax', '税务', 'Tax'),
    opt('audit', '审计', 'Audit'),
    opt('market_regulation', '市场监管', 'Market regulation'),
    opt('police', '公安', 'Police'),
    opt('environment', '生态环境', 'Environment'),
    opt('emergency', '应急', 'Emergency'),
    opt('natural_resources', '自然资源', 'Natural resources'),
    opt('other', '其他', 'Other'),
  ],
  dispatched_status: [
    opt('kept', '保留', 'Kept'),
    opt('created', '新设', 'Created'),
    opt('revoked', '撤销', 'Revoked'),
  ],
  nameplate_kind: [
    opt('primary', '主牌子', 'Primary'),
    opt('party_committee', '党工委', 'Party working committee'),
    opt('additional', '加挂牌子', 'Additional nameplate'),
    opt('same_office', '合署办公', 'Same office'),
  ],
  power_type: [
    opt('licensing', '行政许可', 'Licensing'),
    opt('penalty', '行政处罚', 'Penalty'),
    opt('coercion', '行政强制', 'Coercion'),
    opt('levy', '行政征收', 'Levy'),
    opt('benefit', '行政给付', 'Benefit'),
    opt('inspection', '行政检查', 'Inspection', ['行政监督']),
    opt('confirmation', '行政确认', 'Confirmation'),
    opt('reward', '行政奖励', 'Reward'),
    opt('adjudication', '行政裁决', 'Adjudication'),
    opt('other_power', '其他行政权力', 'Other power'),
    opt('public_service', '公共服务', 'Public service'),
  ],
  indicator_key: [
    opt('signed_projects', '签约项目数', 'Signed projects'),
    opt('signed_investment', '签约总投资', 'Signed investment'),
    opt('fixed_asset_investment', '固定资产投资', 'Fixed-asset investment'),
    opt('gdp', '地区生产总值', 'GDP'),
    opt('revenue', '营业/旅游综合收入', 'Revenue', ['旅游综合收入', '营业收入']),
    opt('jobs', '带动就业', 'Jobs'),
    opt('tax_revenue', '税收', 'Tax revenue'),
    opt('fdi_used', '实际使用外资', 'FDI used'),
    opt('trade_total', '进出口总额', 'Trade total'),
    opt('industrial_value_added', '规上工业增加值', 'Industrial value added'),
    opt('hitech_firms', '高新技术企业数', 'High-tech firms'),
    opt('national_rank', '国家级经开区考核排名', 'National ETDZ rank'),
  ],
  status: [
    opt('active', '存续', 'Active', ['在用', '正常']),
    opt('merged', '已整合', 'Merged'),
    opt('abolished', '已撤销', 'Abolished'),
    opt('superseded', '已调整', 'Superseded'),
  ],
  verification: [
    opt('verified', '已核实', 'Verified'),
    opt('partial', '部分核实', 'Partly verified'),
    opt('illustrative', '示例数据', 'Illustrative'),
  ],
} as const satisfies Record<string, readonly EnumOption[]>;

export type EnumName = keyof typeof ENUMS;
export type EnumKey<N extends EnumName> = (typeof ENUMS)[N][number]['key'];

/** Which zone-type group each zone type belongs to (used by the one-agency-per-type-per-county rule). */
export const ZONE_TYPE_GROUP: Record<EnumKey<'zone_type'>, EnumKey<'type_group'>> = {
  etdz: 'industrial',
  hitech: 'industrial',
  bonded: 'industrial',
  prov_econ_dz: 'industrial',
  industrial_park: 'industrial',
  agri_sci_park: 'agricultural',
  modern_agri_park: 'agricultural',
  logistics_hub: 'logistics',
  scenic_area: 'tourism',
  border_coop: 'other',
  other_function_zone: 'other',
};

export function enumKeys(name: EnumName): string[] {
  return ENUMS[name].map((o) => o.key);
}

export function enumLabel(name: EnumName, key: string | null | undefined, lang: 'zh' | 'en' = 'zh'): string {
  if (key == null || key === '') return '';
  const found = (ENUMS[name] as readonly EnumOption[]).find((o) => o.key === key);
  return found ? found[lang] : key;
}
