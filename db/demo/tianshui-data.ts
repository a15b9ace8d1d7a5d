// Demo register: Tianshui's development-zone agencies before the 2022 consolidation, consistent with the
// seed article (26 management agencies, 15 of them industrial). Facts marked verified/partial come from
// ../shared/domain.md; everything else is invented for the demo and stored as 'illustrative', and the UI
// shows it so. All staffing numbers are illustrative.
import type { EnumKey } from '../../shared/enums';

export const TIANSHUI = {
  city: '620500',
  qinzhou: '620502',
  maiji: '620503',
  qingshui: '620521',
  qinan: '620522',
  gangu: '620523',
  wushan: '620524',
  zhangjiachuan: '620525',
} as const;

const COUNTY_NAME: Record<string, string> = {
  '620502': '秦州区', '620503': '麦积区', '620521': '清水县', '620522': '秦安县',
  '620523': '甘谷县', '620524': '武山县', '620525': '张家川回族自治县',
};
export const countyName = (code: string): string => COUNTY_NAME[code] ?? code;

type Verification = EnumKey<'verification'>;

export interface DemoAgency {
  code: string;
  /** The zone's name; the agency is "<zone>管理委员会" with a "中共<zone>工作委员会" nameplate. */
  zone: string;
  zoneType: EnumKey<'zone_type'>;
  zoneLevel: EnumKey<'zone_level'>;
  group: EnumKey<'type_group'>;
  region: string;
  rank: EnumKey<'rank'>;
  /** City-level agencies are dispatched by the city Party committee and government, others by the county's. */
  cityLevel?: boolean;
  /** R3 demo: an agency recorded with its 管委会 nameplate only. */
  singleNameplate?: boolean;
  verification: Verification;
  zoneVerification: Verification;
  zoneFacts?: Partial<{ approval_authority: string; approval_doc_no: string; approved_on: string; planned_area_km2: number; leading_industries: string; catalogue_listed: number; note: string }>;
}

const T = TIANSHUI;
export const DEMO_AGENCIES: DemoAgency[] = [
  { code: 'A01', zone: '天水经济技术开发区', zoneType: 'etdz', zoneLevel: 'national', group: 'industrial', region: T.maiji, rank: 'county_full', cityLevel: true, verification: 'partial', zoneVerification: 'verified',
    zoneFacts: { approval_authority: '国务院', approved_on: '2010-04-01', planned_area_km2: 20, catalogue_listed: 1, leading_industries: '装备制造、电工电器、电子信息、新材料、新能源、医药食品', note: '1994年省政府批准设立省级开发区，2010年4月升级为国家级；总部社棠东路1号；面积约20平方公里为2015年数据；批准日期按月份记录' } },
  { code: 'A02', zone: '甘肃天水国家农业科技园区', zoneType: 'agri_sci_park', zoneLevel: 'national', group: 'agricultural', region: T.maiji, rank: 'county_deputy', cityLevel: true, verification: 'partial', zoneVerification: 'partial',
    zoneFacts: { approval_authority: '科学技术部', approved_on: '2010-12-09', note: '2002年7月启动建设；所在县区为示例，待核实' } },
  { code: 'A03', zone: '甘肃(天水)国际陆港', zoneType: 'logistics_hub', zoneLevel: 'provincial', group: 'logistics', region: T.maiji, rank: 'county_full', cityLevel: true, singleNameplate: true, verification: 'partial', zoneVerification: 'partial',
    zoneFacts: { planned_area_km2: 17.3, note: '位于麦积区三阳川（渭南、中滩、石佛），核心区17.3平方公里；级别标注为示例' } },
  { code: 'A04', zone: '麦积山大景区', zoneType: 'scenic_area', zoneLevel: 'unlisted', group: 'tourism', region: T.maiji, rank: 'county_full', cityLevel: true, singleNameplate: true, verification: 'partial', zoneVerification: 'partial',
    zoneFacts: { planned_area_km2: 215, note: '规划约215平方公里，含麦积山、仙人崖、石门、曲溪、街亭温泉五个景区' } },
  { code: 'A05', zone: '张家川经济开发区', zoneType: 'prov_econ_dz', zoneLevel: 'provincial', group: 'industrial', region: T.zhangjiachuan, rank: 'county_deputy', verification: 'partial', zoneVerification: 'verified',
    zoneFacts: { approval_authority: '甘肃省人民政府', catalogue_listed: 1, leading_industries: '清真食品、新型建材、医药康养、新能源', note: '一区三园；列入2018年版《中国开发区审核公告目录》' } },
  { code: 'A06', zone: '秦安县工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.qinan, rank: 'section_full', verification: 'illustrative', zoneVerification: 'partial',
    zoneFacts: { leading_industries: '毛毯、铅笔、纸箱、食品', note: '一区多园（何川、蔡店、莲花等）；整合后名称为示例' } },
  { code: 'A07', zone: '甘谷县六峰工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.gangu, rank: 'section_full', verification: 'illustrative', zoneVerification: 'partial' },
  { code: 'A08', zone: '武山县工业集中区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.wushan, rank: 'section_full', verification: 'illustrative', zoneVerification: 'partial',
    zoneFacts: { note: '2011年布局含四门食品园、鸳鸯建材园' } },
  { code: 'A09', zone: '秦州省级农业科技园区', zoneType: 'agri_sci_park', zoneLevel: 'provincial', group: 'agricultural', region: T.qinzhou, rank: 'section_full', verification: 'illustrative', zoneVerification: 'verified',
    zoneFacts: { approval_authority: '甘肃省科学技术厅', note: '核心区杨家寺镇，12.33万亩（2018—2020）' } },
  { code: 'A10', zone: '清水县循环经济产业园', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.qingshui, rank: 'section_full', verification: 'illustrative', zoneVerification: 'partial' },
  { code: 'A11', zone: '秦州区工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.qinzhou, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A12', zone: '麦积区中滩工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.maiji, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A13', zone: '秦安县西川工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.qinan, rank: 'section_deputy', verification: 'illustrative', zoneVerification: 'partial',
    zoneFacts: { leading_industries: '农膜、塑料制品' } },
  { code: 'A14', zone: '秦安县安伏工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.qinan, rank: 'section_deputy', verification: 'illustrative', zoneVerification: 'partial',
    zoneFacts: { leading_industries: '果汁、淀粉' } },
  { code: 'A15', zone: '甘谷县磐安工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.gangu, rank: 'section_deputy', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A16', zone: '清水县白驼工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.qingshui, rank: 'section_deputy', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A17', zone: '武山县洛门工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.wushan, rank: 'section_deputy', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A18', zone: '张家川县龙山工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.zhangjiachuan, rank: 'section_deputy', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A19', zone: '秦州区娘娘坝工业园区', zoneType: 'industrial_park', zoneLevel: 'county', group: 'industrial', region: T.qinzhou, rank: 'section_deputy', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A20', zone: '秦安县大地湾文化旅游区', zoneType: 'scenic_area', zoneLevel: 'unlisted', group: 'tourism', region: T.qinan, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A21', zone: '甘谷县大像山景区', zoneType: 'scenic_area', zoneLevel: 'unlisted', group: 'tourism', region: T.gangu, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A22', zone: '武山县水帘洞景区', zoneType: 'scenic_area', zoneLevel: 'unlisted', group: 'tourism', region: T.wushan, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A23', zone: '张家川县关山景区', zoneType: 'scenic_area', zoneLevel: 'unlisted', group: 'tourism', region: T.zhangjiachuan, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A24', zone: '清水县温泉度假区', zoneType: 'scenic_area', zoneLevel: 'unlisted', group: 'tourism', region: T.qingshui, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A25', zone: '秦州区伏羲文化旅游区', zoneType: 'scenic_area', zoneLevel: 'unlisted', group: 'tourism', region: T.qinzhou, rank: 'section_full', verification: 'illustrative', zoneVerification: 'illustrative' },
  { code: 'A26', zone: '天水市藉河新区', zoneType: 'other_function_zone', zoneLevel: 'municipal', group: 'other', region: T.qinzhou, rank: 'county_deputy', cityLevel: true, verification: 'illustrative', zoneVerification: 'illustrative' },
];

/** Parks under a zone (一区多园). */
export const DEMO_PARKS: Array<{ parent: string; name: string; verification: Verification }> = [
  { parent: 'A01', name: '东十里园区', verification: 'verified' },
  { parent: 'A01', name: '廿铺园区', verification: 'verified' },
  { parent: 'A01', name: '下曲园区', verification: 'verified' },
  { parent: 'A01', name: '社棠园区', verification: 'verified' },
  { parent: 'A01', name: '东柯河园区', verification: 'verified' },
  { parent: 'A08', name: '四门食品工业园', verification: 'partial' },
  { parent: 'A08', name: '鸳鸯建材工业园', verification: 'partial' },
];

type Dept = [name: string, cls: EnumKey<'dept_function_class'>, verification?: Verification];

/** Departments named in the seed article (verified) for the agencies it names. */
export const NAMED_DEPARTMENTS: Record<string, Dept[]> = {
  A01: [
    ['党政办公室', 'comprehensive'], ['纪检监察工委', 'comprehensive', 'verified'], ['组织人事部', 'comprehensive'],
    ['经济发展局', 'economic'], ['招商局', 'investment_promotion', 'verified'], ['规划建设局', 'planning_construction'],
    ['统计局', 'special', 'verified'], ['人力资源局', 'enterprise_service', 'verified'], ['社会事务局', 'social_affairs'],
  ],
  A02: [['综合办公室', 'comprehensive'], ['科技管理科', 'innovation', 'verified'], ['成果转化科', 'economic', 'verified'], ['招商服务科', 'investment_promotion']],
  A03: [['综合办公室', 'comprehensive'], ['商贸流通科', 'special', 'verified'], ['规划建设科', 'planning_construction'], ['招商服务科', 'investment_promotion']],
  A04: [['综合办公室', 'comprehensive'], ['文物保护局', 'special', 'verified'], ['旅游发展科', 'economic'], ['规划建设科', 'planning_construction']],
  A26: [['综合办公室', 'comprehensive'], ['经济发展科', 'economic'], ['规划建设科', 'planning_construction'], ['社会事务科', 'social_affairs']],
};

export const GROUP_DEPARTMENTS: Record<EnumKey<'type_group'>, Dept[]> = {
  industrial: [['综合办公室', 'comprehensive'], ['经济发展科', 'economic'], ['招商服务科', 'investment_promotion'], ['规划建设科', 'planning_construction'], ['安全环保科', 'regulation']],
  agricultural: [['综合办公室', 'comprehensive'], ['科技推广科', 'innovation'], ['产业发展科', 'economic'], ['招商服务科', 'investment_promotion']],
  logistics: [['综合办公室', 'comprehensive'], ['商贸流通科', 'special'], ['规划建设科', 'planning_construction'], ['招商服务科', 'investment_promotion']],
  tourism: [['综合办公室', 'comprehensive'], ['旅游发展科', 'economic'], ['资源保护科', 'special'], ['规划建设科', 'planning_construction']],
  other: [['综合办公室', 'comprehensive'], ['经济发展科', 'economic'], ['规划建设科', 'planning_construction']],
};

/** A01 as in domain.md's staffing sample (illustrative). */
export const A01_STAFFING: Array<[EnumKey<'staffing_type'>, number, number]> = [
  ['administrative', 30, 27], ['su_civil_service_ref', 15, 15], ['su_fiscal', 40, 36],
];
export const A01_POSTS: Array<[string, EnumKey<'rank'>, number, number]> = [
  ['党工委书记（兼）', 'county_full', 1, 1], ['管委会主任', 'county_full', 1, 1], ['管委会副主任', 'county_deputy', 4, 4], ['纪工委书记', 'county_deputy', 1, 1],
];

export const A01_DISPATCHED: Array<[name: string, parent: string, domain: EnumKey<'dispatched_domain'>]> = [
  ['国家税务总局天水经济技术开发区税务局', '国家税务总局天水市税务局', 'tax'],
  ['天水市审计局经济技术开发区分局', '天水市审计局', 'audit'],
  ['天水市市场监督管理局经济技术开发区分局', '天水市市场监督管理局', 'market_regulation'],
  ['天水市公安局经济技术开发区分局', '天水市公安局', 'police'],
  ['天水市生态环境局经济技术开发区分局', '天水市生态环境局', 'environment'],
  ['天水市应急管理局经济技术开发区分局', '天水市应急管理局', 'emergency'],
  ['天水市自然资源局经济技术开发区分局', '天水市自然资源局', 'natural_resources'],
];

/** Indicators stated in the seed article (verified); values in 亿元 unless the unit says otherwise. */
export const DEMO_INDICATORS: Array<{ agency: string; year: number; key: EnumKey<'indicator_key'>; value: number; unit: string; yoy?: number }> = [
  { agency: 'A01', year: 2021, key: 'national_rank', value: 121, unit: '位/217（提升29位）' },
  { agency: 'A04', year: 2021, key: 'revenue', value: 1.17, unit: '亿元', yoy: 35.5 },
  { agency: 'A02', year: 2021, key: 'gdp', value: 14.1, unit: '亿元', yoy: 4.59 },
  { agency: 'A02', year: 2021, key: 'jobs', value: 5000, unit: '人（5000余人）' },
];

export const SEED_SOURCE = '天水市机构编制网 2022-03-16《天水市优化管理体制机制助推开发区高质量发展》';
