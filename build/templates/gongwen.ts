// Building blocks of a GB/T 9704 公文: 版头, 主体, 版记, page-number footers. Placeholders are Chinese field
// names filled by electron/export (see FIELD_CATALOGUE there). Headings are numbered by code, never by Word.
import * as G from './gbt9704';
import { field, footerXml, para, run, sectPr, tagPara } from './ooxml';

const body = { firstLineChars: G.INDENT_2CH.chars, firstLine: G.INDENT_2CH.twips };
export const blank = () => para('');

/** 发文机关标志: red 小标宋, 35 mm below the top of the 版心. */
export const issuerMark = () =>
  para(run('{发文机关标志}', { font: G.ISSUER_MARK.font, pt: G.ISSUER_MARK.pt, color: G.ISSUER_MARK.color, spacing: null }), {
    align: 'center',
    snapToGrid: false,
    before: G.ISSUER_MARK.spaceBefore,
    mark: { font: G.ISSUER_MARK.font, pt: G.ISSUER_MARK.pt, color: G.ISSUER_MARK.color, spacing: null },
  });

/** 版头 of a 上行文 (请示, 报告): 发文字号 left, 签发人 right, red rule below. */
export function upwardHead(): string[] {
  return [
    issuerMark(),
    blank(),
    blank(),
    para([run('{发文字号}\t签发人：'), run('{签发人}', { font: 'kaiti' })], {
      left: G.SIGNER_LINE.left,
      tabs: [{ val: 'right', pos: G.SIGNER_LINE.rightTab }], // tab positions count from the margin, not the indent
      bottom: G.RED_RULE,
    }),
    blank(),
    blank(),
  ];
}

/** 版头 of a 下行文 (批复, 通知): 发文字号 centred, red rule below. */
export function downwardHead(): string[] {
  return [issuerMark(), blank(), blank(), para(run('{发文字号}'), { align: 'center', bottom: G.RED_RULE }), blank(), blank()];
}

/** 标题: 2号小标宋, centred, one or more lines (line breaks in the data). */
export const title = (tag = '{标题}') =>
  para(run(tag, { font: G.TITLE.font, pt: G.TITLE.pt, spacing: null }), {
    align: 'center',
    snapToGrid: false,
    lineExact: G.TITLE.line,
    mark: { font: G.TITLE.font, pt: G.TITLE.pt, spacing: null },
  });

/** 主送机关, flush left, full-width colon. */
export const recipients = () => para(run('{主送机关}：'));

/**
 * 正文: a paragraph loop over blocks. Each block is one of 一级 (黑体 heading), 二级 (楷体 heading),
 * 三级 (仿宋 heading: levels 3 and 4), 段落 (plain paragraph). 编号 and 小标题 come from code.
 */
export function bodyLoop(list = '正文'): string[] {
  return [
    tagPara(`{#${list}}`),
    tagPara('{#一级}'),
    para([run('{编号}{小标题}', { font: 'heiti' }), run('{文字}')], body),
    tagPara('{/一级}'),
    tagPara('{#二级}'),
    para([run('{编号}{小标题}', { font: 'kaiti' }), run('{文字}')], body),
    tagPara('{/二级}'),
    tagPara('{#三级}'),
    para([run('{编号}{小标题}'), run('{文字}')], body),
    tagPara('{/三级}'),
    tagPara('{#段落}'),
    para(run('{文字}'), body),
    tagPara('{/段落}'),
    tagPara(`{/${list}}`),
  ];
}

/** 附件说明: one blank line below the 正文; "附件：1.××", later items aligned under the first name. */
export function attachmentNote(): string[] {
  return [
    tagPara('{#有附件}'),
    blank(),
    tagPara('{#附件说明}'),
    para(run('{前缀}{编号}{名称}'), { left: G.ATTACHMENT_NOTE.left, hanging: G.ATTACHMENT_NOTE.hanging }),
    tagPara('{/附件说明}'),
    tagPara('{/有附件}'),
  ];
}

/**
 * 署名 and 成文日期 (sealed layout, §7.3.5.1): the date about 4 characters from the right, the 署名 centred over
 * it. Both use one centre tab stop placed at the middle of a typical date (6.5 characters wide).
 */
export function signatureAndDate(): string[] {
  const centre = G.TEXT_WIDTH - G.DATE_RIGHT_INDENT - Math.round(3.25 * G.CHAR);
  const tabs = [{ val: 'center' as const, pos: centre }];
  return [
    blank(),
    blank(),
    para(run('\t{署名}'), { tabs, keepNext: true }),
    para(run('\t{成文日期}'), { tabs, keepNext: true }),
    tagPara('{#附注}'),
    para(run('（{附注}）'), body),
    tagPara('{/附注}'),
  ];
}

/**
 * 版记: 抄送 and 印发机关/印发日期 in 4号仿宋, 1 character in on each side, between rules as wide as the 版心
 * (first and last thick, the one between thin). Each rule is its own 1 pt paragraph so that text indents never
 * shorten it; a wrapped 抄送 line aligns with the first name after the colon (hanging indent).
 * Not automated: moving the block to the foot of the last (even) page (GB/T 9704 §7.4). A bottom-anchored frame
 * (w:framePr yAlign=bottom) was tried: LibreOffice 7.4 drops the rules and sometimes starts a new page; a
 * floating table (tblpYSpec=bottom) is laid out inline, and a last section with vAlign=bottom is not aligned.
 */
export function imprint(): string[] {
  const mark = { pt: G.IMPRINT.pt, spacing: null };
  const ch = Math.round(G.IMPRINT.pt * 20);
  const rule = (sz: number) => para('', { snapToGrid: false, lineExact: 20, bottom: { sz, space: 1 }, keepNext: true, mark });
  return [
    blank(),
    rule(G.IMPRINT.thick),
    tagPara('{#抄送}'),
    para(run('抄送：{抄送}。', mark), { left: ch + 3 * ch, hanging: 3 * ch, right: ch, keepNext: true, mark }),
    rule(G.IMPRINT.thin),
    tagPara('{/抄送}'),
    para(run('\t{印发机关}\t{印发日期}印发', mark), {
      tabs: [
        { val: 'left', pos: ch },
        { val: 'right', pos: G.TEXT_WIDTH - ch },
      ],
      keepNext: true,
      mark,
    }),
    rule(G.IMPRINT.thick),
  ];
}

/** Page-number footers: "— N —" 4号宋体, odd pages right / even pages left, 1 character from the edge. */
export function footers(): { odd: string; even: string } {
  const o = { font: G.PAGE_NUMBER.font, pt: G.PAGE_NUMBER.pt, spacing: null };
  const runs = [run('— ', o), field('PAGE', '1', o), run(' —', o)].join('');
  const common = { snapToGrid: false, mark: o } as const;
  return {
    odd: footerXml(para(runs, { ...common, align: 'right', right: G.PAGE_NUMBER.sideIndent })),
    even: footerXml(para(runs, { ...common, align: 'left', left: G.PAGE_NUMBER.sideIndent })),
  };
}

export const FOOTER_IDS = { odd: 'rId10', even: 'rId11' };

/** Portrait A4 section with the GB/T margins, the 22-line grid and the page-number footers. */
export const portraitSection = () =>
  sectPr({
    width: G.PAGE.width,
    height: G.PAGE.height,
    margin: G.MARGIN,
    header: G.HEADER_DISTANCE,
    footer: G.PAGE_NUMBER.footer,
    grid: { type: G.GRID.type, linePitch: G.GRID.linePitch },
    footers: FOOTER_IDS,
  });

/** Landscape A4 section for the 横排 对照表 (no text grid: tables keep their own row heights). */
export const landscapeSection = () =>
  sectPr({
    width: G.LANDSCAPE.width,
    height: G.LANDSCAPE.height,
    landscape: true,
    margin: G.LANDSCAPE.margin,
    header: G.HEADER_DISTANCE,
    footer: G.PAGE_NUMBER.footer - (G.MARGIN.bottom - G.LANDSCAPE.margin.bottom),
    footers: FOOTER_IDS,
  });

export const bodyPara = (text: string) => para(run(text), body);
export const BODY_INDENT = body;
