// The six default Word templates. Each returns a complete, deterministic .docx buffer.
import { articleNumber, DEFAULT_TEMPLATES, PAPER_SCHEMA_VERSION, type DefaultTemplateInfo } from '../../shared/papers';
import * as G from './gbt9704';
import {
  attachmentNote,
  blank,
  BODY_INDENT,
  bodyLoop,
  downwardHead,
  footers,
  imprint,
  landscapeSection,
  portraitSection,
  recipients,
  signatureAndDate,
  title,
  upwardHead,
} from './gongwen';
import { documentXml, para, run, table, tagPara, type Cell } from './ooxml';
import { buildDocxPackage } from './package';

function info(id: string): DefaultTemplateInfo {
  const t = DEFAULT_TEMPLATES.find((x) => x.id === id);
  if (!t) throw new Error(`unknown default template ${id}`);
  return t;
}

function pack(id: string, paragraphs: string[], section = portraitSection()): Buffer {
  const t = info(id);
  return buildDocxPackage({
    identity: { id: t.id, version: t.version, schemaVersion: PAPER_SCHEMA_VERSION, title: t.name },
    document: documentXml(paragraphs.join(''), section),
    footers: footers(),
  });
}

/** 请示 (上行文): 签发人 in the 版头, closing "妥否，请批示。" comes from the data. */
export const requestDocx = () =>
  pack('zonedesk.request', [...upwardHead(), title(), blank(), recipients(), ...bodyLoop(), ...attachmentNote(), ...signatureAndDate(), ...imprint()]);

/** 批复 (下行文): centred 发文字号. */
export const replyDocx = () =>
  pack('zonedesk.reply', [...downwardHead(), title(), blank(), recipients(), ...bodyLoop(), ...attachmentNote(), ...signatureAndDate(), ...imprint()]);

/** 通知 (下行文). */
export const noticeDocx = () =>
  pack('zonedesk.notice', [...downwardHead(), title(), blank(), recipients(), ...bodyLoop(), ...attachmentNote(), ...signatureAndDate(), ...imprint()]);

/** 实施方案: usually issued as an attachment, so no 版头; title, optional 发文 line, body, attachment note. */
export const planDocx = () =>
  pack('zonedesk.plan', [
    title(),
    tagPara('{#副标题}'),
    para(run('（{副标题}）', { font: 'kaiti' }), { align: 'center' }),
    tagPara('{/副标题}'),
    blank(),
    ...bodyLoop(),
    ...attachmentNote(),
  ]);

const article = (n: number, tag: string) =>
  para([run(articleNumber(n), { font: 'heiti' }), run(G.ARTICLE_SEPARATOR + tag)], BODY_INDENT);
const listLoop = (list: string, inner: string) => [tagPara(`{#${list}}`), para(run(inner), BODY_INDENT), tagPara(`{/${list}}`)];

/**
 * 三定规定 in 条 form (shared/domain.md §2.2): 第一条 purpose and basis; 第二条 nature, rank and the
 * 党工委/管委会 "一个机构、两块牌子" clause; 第三条 scope; 第四条 main duties and 职能转变; 第五条 departments;
 * 第六条 staffing and leader posts; 第七条 other matters (duty boundary with the county government, dispatched
 * units, public institutions); 第八条 interpretation, adjustment and effective date.
 */
export const sandingDocx = () =>
  pack('zonedesk.sanding', [
    title(),
    blank(),
    article(1, '{制定依据}'),
    article(2, '{机构性质}'),
    article(3, '{规定效力}'),
    article(4, '{职责总述}'),
    ...listLoop('主要职责', '{编号}{文字}'),
    article(5, '{内设机构总述}'),
    ...listLoop('内设机构', '{编号}{名称}。{职责}'),
    article(6, '{编制条款}'),
    ...listLoop('领导职数条款', '{.}'),
    article(7, '{其他事项总述}'),
    ...listLoop('其他事项', '{编号}{文字}'),
    article(8, '{附则}'),
  ]);

// ---------------------------------------------------------------------------------------------------------------
// 机构整合对照表 (横排表格)

/** 序号 + the 14 columns of shared/domain.md §4, with relative widths. */
export const MAPPING_COLUMNS: { header: string; field: string; weight: number; align?: 'left' | 'center' }[] = [
  { header: '序号', field: '序号', weight: 2.5, align: 'center' },
  { header: '原机构名称', field: '原机构名称', weight: 9 },
  { header: '原规格', field: '原规格', weight: 3.6, align: 'center' },
  { header: '原性质', field: '原性质', weight: 3.6, align: 'center' },
  { header: '原编制', field: '原编制明细', weight: 5 },
  { header: '原领导职数', field: '原领导职数', weight: 3.6, align: 'center' },
  { header: '实有人数', field: '实有人数', weight: 3.6, align: 'center' },
  { header: '处理方式', field: '处理方式', weight: 4.5, align: 'center' },
  { header: '整合后机构', field: '整合后机构', weight: 9 },
  { header: '职责去向', field: '职责去向', weight: 10 },
  { header: '编制划转', field: '编制划转明细', weight: 5 },
  { header: '人员去向', field: '人员去向', weight: 7 },
  { header: '资产债务处理', field: '资产债务处理', weight: 7 },
  { header: '依据文号', field: '依据文号', weight: 10 },
  { header: '备注', field: '备注', weight: 5 },
];

function columnWidths(total: number): number[] {
  const sum = MAPPING_COLUMNS.reduce((a, c) => a + c.weight, 0);
  const w = MAPPING_COLUMNS.map((c) => Math.floor((total * c.weight) / sum));
  w[1] += total - w.reduce((a, b) => a + b, 0); // remainder to 原机构名称
  return w;
}

const cellText = (text: string, align: 'left' | 'center', font: G.FontKey = 'fangsong'): Cell => ({
  content: para(run(text, { font, pt: G.TABLE.pt, spacing: null }), { align, snapToGrid: false, mark: { font, pt: G.TABLE.pt, spacing: null } }),
});

export function mappingDocx(): Buffer {
  const widths = columnWidths(G.LANDSCAPE_TEXT_WIDTH);
  const n = MAPPING_COLUMNS.length;
  const header = { header: true, cells: MAPPING_COLUMNS.map((c) => cellText(c.header, 'center', 'heiti')) };
  const data = {
    cells: MAPPING_COLUMNS.map((c, i) =>
      cellText((i === 0 ? '{#机构对照}' : '') + `{${c.field}}` + (i === n - 1 ? '{/机构对照}' : ''), c.align ?? 'left'),
    ),
  };
  const totalsByField: Record<string, string> = {
    原编制明细: '{合计.原编制明细}',
    原领导职数: '{合计.原领导职数}',
    实有人数: '{合计.实有人数}',
    编制划转明细: '{合计.编制划转明细}',
  };
  const totalCells: Cell[] = [{ ...cellText('合计', 'center', 'heiti'), span: 4 }];
  for (const c of MAPPING_COLUMNS.slice(4)) totalCells.push(cellText(totalsByField[c.field] ?? '', c.align ?? 'left'));
  const tbl = table(widths, [header, data, { cells: totalCells }]);
  const small = { spacing: null, snapToGrid: false } as const;
  return pack(
    'zonedesk.mapping',
    [
      tagPara('{#附件标注}'),
      para(run('{附件标注}', { font: 'heiti', spacing: null }), { snapToGrid: false }),
      tagPara('{/附件标注}'),
      title(),
      para(run('单位：个、名', { font: 'kaiti', pt: G.PT.四号, spacing: null }), { align: 'right', snapToGrid: false, after: 60 }),
      tbl,
      tagPara('{#表注}'),
      para(run('注：{表注}', { pt: G.PT.小四, spacing: small.spacing }), { snapToGrid: false, before: 60 }),
      tagPara('{/表注}'),
    ],
    landscapeSection(),
  );
}

export const WORD_TEMPLATE_BUILDERS: Record<string, () => Buffer> = {
  'request.docx': requestDocx,
  'plan.docx': planDocx,
  'reply.docx': replyDocx,
  'notice.docx': noticeDocx,
  'sanding.docx': sandingDocx,
  'mapping.docx': mappingDocx,
};
