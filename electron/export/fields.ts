// The fields each paper type offers to templates: drives the template linter (unknown fields) and the
// 插入字段 list in the UI. Must match what toPaperContext (context.ts) produces; a test checks both ways.
import { STAFFING_TYPE_LABELS, type PaperDocType } from '../../shared/papers';

export type FieldType = 'text' | 'number' | 'bool' | 'list' | 'object';

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  /** fields of each list item / of the object */
  children?: FieldDef[];
}

const t = (name: string, label: string): FieldDef => ({ name, label, type: 'text' });
const n = (name: string, label: string): FieldDef => ({ name, label, type: 'number' });
const b = (name: string, label: string): FieldDef => ({ name, label, type: 'bool' });
const list = (name: string, label: string, children: FieldDef[]): FieldDef => ({ name, label, type: 'list', children });
const obj = (name: string, label: string, children: FieldDef[]): FieldDef => ({ name, label, type: 'object', children });

/** Available in every paper. */
const GENERAL: FieldDef[] = [
  t('改革名称', '改革事项名称'),
  t('地区名称', '地区名称'),
  t('发文字号', '发文字号，如 天编委发〔2022〕3号'),
  t('机关代字', '机关代字，如 天编委发'),
  t('成文日期', '成文日期，如 2022年3月16日'),
  t('施行日期', '施行日期，如 2022年3月16日'),
  t('依据文件', '依据文件（带书名号，顿号分隔）'),
  t('署名', '发文机关署名'),
  t('印发机关', '印发机关'),
  t('印发日期', '印发日期'),
  t('表注', '说明或示例数据提示'),
  t('标题', '标题（可含换行）'),
];

const BODY = list('正文', '正文段落（标题层次由程序编号）', [
  b('一级', '一级标题（黑体）'),
  b('二级', '二级标题（楷体）'),
  b('三级', '三、四级标题（仿宋）'),
  b('段落', '普通段落'),
  t('编号', '标题序号：一、（一）1.（1）'),
  t('小标题', '标题文字'),
  t('文字', '段落文字'),
]);

const ATTACHMENTS = [
  b('有附件', '是否有附件'),
  list('附件说明', '附件说明', [t('前缀', '“附件：”或等宽空格'), t('编号', '附件序号，如 1.'), t('名称', '附件名称')]),
];

const GONGWEN: FieldDef[] = [
  t('发文机关标志', '发文机关标志（版头）'),
  t('主送机关', '主送机关'),
  BODY,
  ...ATTACHMENTS,
  t('附注', '附注（联系人、电话）'),
  t('抄送', '抄送机关'),
];

const MAPPING_ROW: FieldDef[] = [
  n('序号', '序号'),
  t('原机构名称', '原机构名称'),
  t('原规格', '原规格'),
  t('原性质', '原性质'),
  n('原编制', '原编制合计'),
  t('原编制明细', '原编制（分类型）'),
  n('原领导职数', '原领导职数'),
  n('实有人数', '实有人数'),
  t('处理方式', '处理方式'),
  t('整合后机构', '整合后机构'),
  t('职责去向', '职责去向'),
  n('编制划转', '编制划转合计'),
  t('编制划转明细', '编制划转（分类型）'),
  t('人员去向', '人员去向'),
  t('资产债务处理', '资产债务处理'),
  t('依据文号', '依据文号'),
  t('备注', '备注'),
];

const STAFFING_ROW: FieldDef[] = [
  n('序号', '序号'),
  t('机构名称', '机构名称'),
  t('规格', '规格'),
  t('性质', '性质'),
  ...STAFFING_TYPE_LABELS.map((l) => n(l, l)),
  n('编制合计', '编制合计'),
  n('领导职数', '领导职数'),
  n('实有人数', '实有人数'),
  t('备注', '备注'),
];

const LEDGER_ROW: FieldDef[] = [
  n('序号', '序号'),
  t('机构名称', '机构名称（管委会）'),
  t('党工委', '党工委名称'),
  t('规格', '规格'),
  t('性质', '性质'),
  t('派出主体', '派出主体'),
  t('属地政府', '属地政府'),
  t('管理园区', '管理园区'),
  n('内设机构数', '内设机构数'),
  n('内设机构限额', '内设机构限额'),
  n('编制总数', '编制总数'),
  n('领导职数', '领导职数'),
  t('派驻机构', '派驻机构'),
  t('所属事业单位', '所属事业单位'),
  t('施行日期', '施行日期'),
  t('依据文号', '依据文号'),
];

export const FIELD_CATALOGUE: Record<PaperDocType, FieldDef[]> = {
  request: [...GENERAL, ...GONGWEN, t('签发人', '签发人')],
  reply: [...GENERAL, ...GONGWEN],
  notice: [...GENERAL, ...GONGWEN],
  plan: [...GENERAL, t('副标题', '副标题'), BODY, ...ATTACHMENTS],
  sanding: [
    ...GENERAL,
    t('机构名称', '机构名称'),
    t('党工委名称', '党工委名称'),
    t('管委会名称', '管委会名称'),
    t('机构简称', '机构简称'),
    t('制定依据', '第一条：制定目的和依据'),
    t('机构性质', '第二条：性质、规格和“一个机构、两块牌子”'),
    t('规定效力', '第三条：本规定的效力'),
    t('职责总述', '第四条：引语'),
    list('主要职责', '第四条：主要职责及职能转变', [t('编号', '序号'), t('文字', '职责')]),
    t('内设机构总述', '第五条：引语'),
    list('内设机构', '第五条：内设机构', [t('编号', '序号'), t('名称', '名称'), t('职能类别', '职能类别'), t('职责', '职责'), n('领导职数', '领导职数')]),
    t('编制条款', '第六条：编制'),
    list('领导职数条款', '第六条：领导职数（逐段）', []),
    t('其他事项总述', '第七条：引语'),
    list('其他事项', '第七条：职责边界、派驻机构、事业单位', [t('编号', '序号'), t('文字', '内容')]),
    t('附则', '第八条：解释、调整和施行日期'),
  ],
  mapping: [
    ...GENERAL,
    t('附件标注', '附件标注，如 附件'),
    list('机构对照', '机构整合对照表各行', MAPPING_ROW),
    obj('合计', '合计行', [n('原编制', '原编制合计'), t('原编制明细', '原编制（分类型）'), n('原领导职数', '原领导职数'), n('实有人数', '实有人数'), n('编制划转', '编制划转合计'), t('编制划转明细', '编制划转（分类型）')]),
  ],
  staffing: [...GENERAL, list('编制统计', '编制统计表各行', STAFFING_ROW)],
  ledger: [...GENERAL, list('机构台账', '机构台账各行', LEDGER_ROW)],
};

/** Flat list for an 插入字段 menu: `{发文字号}`, `{#机构对照}…{/机构对照}`, `{机构对照.序号}` (Excel) … */
export function insertableFields(docType: PaperDocType, kind: 'docx' | 'xlsx'): { tag: string; label: string }[] {
  const out: { tag: string; label: string }[] = [];
  for (const f of FIELD_CATALOGUE[docType]) {
    if (f.type === 'list') {
      if (kind === 'docx') {
        out.push({ tag: `{#${f.name}}`, label: `${f.label}：开始（放在单独一段或表格行首格）` });
        for (const c of f.children ?? []) out.push({ tag: `{${c.name}}`, label: `${f.label} › ${c.label}` });
        if (!f.children?.length) out.push({ tag: '{.}', label: `${f.label} › 本段文字` });
        out.push({ tag: `{/${f.name}}`, label: `${f.label}：结束` });
      } else {
        for (const c of f.children ?? []) out.push({ tag: `{${f.name}.${c.name}}`, label: `${f.label} › ${c.label}（模板行）` });
      }
    } else if (f.type === 'object') {
      for (const c of f.children ?? []) out.push({ tag: `{${f.name}.${c.name}}`, label: `${f.label} › ${c.label}` });
    } else if (f.type === 'bool') {
      if (kind === 'docx') out.push({ tag: `{#${f.name}}…{/${f.name}}`, label: `${f.label}（条件段落）` });
    } else out.push({ tag: `{${f.name}}`, label: f.label });
  }
  return out;
}
