// GB/T 9704-2012《党政机关公文格式》— every layout constant of the default templates, in one place.
// Sources and measurements: shared/documents.md §4. Units: twips (1/20 pt, 1/1440 inch) unless stated;
// half-points for w:sz; eighths of a point for border w:sz.

export const MM = 1440 / 25.4; // twips per millimetre
export const mm = (v: number) => Math.round(v * MM);

/** A4 210 × 297 mm (§5.1). */
export const PAGE = { width: 11906, height: 16838 } as const;

/** 天头 37 mm, 订口 28 mm, 翻口 26 mm, 下白边 35 mm → 版心 156 × 225 mm (§5.2.1). */
export const MARGIN = { top: 2098, left: 1587, right: 1474, bottom: 1984 } as const;
export const MARGIN_MM = { top: 37, left: 28, right: 26, bottom: 35 } as const;

/**
 * Landscape pages (the 横排 对照表): the portrait page turned a quarter so the 订口 (28 mm) is on top, the
 * 翻口 (26 mm) at the bottom, the 天头 (37 mm) on the left and the 下白边 (35 mm) on the right.
 */
export const LANDSCAPE = {
  width: PAGE.height,
  height: PAGE.width,
  margin: { top: MARGIN.left, bottom: MARGIN.right, left: MARGIN.top, right: MARGIN.bottom },
} as const;

/** 版心 (text block) width: 210 − 28 − 26 = 156 mm. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right; // 8845
export const LANDSCAPE_TEXT_WIDTH = LANDSCAPE.width - LANDSCAPE.margin.left - LANDSCAPE.margin.right; // 12756

/** Chinese point sizes (字号) in points. */
export const PT = { 初号: 42, 小初: 36, 一号: 26, 小一: 24, 二号: 22, 小二: 18, 三号: 16, 小三: 15, 四号: 14, 小四: 12, 五号: 10.5, 小五: 9 } as const;
/** w:sz is in half-points. */
export const halfPoints = (pt: number) => Math.round(pt * 2);

/** Default body size: 3号 (§5.2.2). */
export const BODY_PT = PT.三号;

/**
 * 22 lines × 28 characters (§5.2.3). Encoded as `docGrid type="lines" linePitch=579` (28.95 pt per line;
 * 22 × 28.95 = 636.9 pt = 224.7 mm) plus −0.25 pt character spacing (28 × 15.75 pt = 441 pt ≤ 442.2 pt of 版心).
 * Word's native `linesAndChars charSpace≈-848` renders ~40 % too wide in LibreOffice 7.4 (documents.md §0),
 * so the default templates use `lines` + spacing, which LibreOffice renders exactly 28 × 22.
 */
export const GRID = { type: 'lines', linePitch: 579, linesPerPage: 22, charsPerLine: 28 } as const;
/** −0.25 pt in twentieths of a point (w:spacing w:val on runs). */
export const CHAR_SPACING = -5;
/** One character of body text, in twips: 16 pt − 0.25 pt = 15.75 pt. */
export const CHAR = Math.round((BODY_PT - 0.25) * 20); // 315

/** Fonts: the names offices have installed. eastAsia is set on every run; Latin and digits in Times New Roman. */
export const FONT = {
  fangsong: '仿宋_GB2312',
  xiaobiaosong: '方正小标宋简体',
  heiti: '黑体',
  kaiti: '楷体_GB2312',
  songti: '宋体',
  latin: 'Times New Roman',
} as const;
export type FontKey = Exclude<keyof typeof FONT, 'latin'>;

/** Colours: text black (§5.2.4), 版头 red. */
export const COLOR = { text: '000000', red: 'FF0000' } as const;

/**
 * 发文机关标志: red 小标宋, top edge 35 mm below the 版心 top; sized to fit one line. 26 pt (一号) fits 16
 * characters (中共天水市委机构编制委员会文件 is 15); an office with a longer mark edits its own template.
 */
export const ISSUER_MARK = { pt: 26, spaceBefore: mm(35), font: 'xiaobiaosong' as FontKey, color: COLOR.red };

/** Red separator 4 mm below the 发文字号, as wide as the 版心: paragraph bottom border. */
export const RED_RULE = { sz: 12 /* 1.5 pt in eighths */, space: 11 /* pt ≈ 3.9 mm */, color: COLOR.red };

/** 标题: 2号小标宋, centred, exact line 35 pt, off the grid. */
export const TITLE = { pt: PT.二号, line: 700 /* 35 pt exact */, font: 'xiaobiaosong' as FontKey };

/** 正文 first-line indent 2 characters (firstLineChars for Word/WPS, firstLine twips for LibreOffice). */
export const INDENT_2CH = { chars: 200, twips: 2 * CHAR };

/** 签发人 / 发文字号 on one line for 上行文: 1 character in on each side. */
export const SIGNER_LINE = { left: CHAR, rightTab: TEXT_WIDTH - CHAR };

/** 成文日期: 4 characters from the right (sealed document, §7.3.5.1). */
export const DATE_RIGHT_INDENT = 4 * CHAR;
/** 署名 right indent: 2 characters from the right (unsealed practice); the date sits under it. */
export const SIGNATURE_RIGHT_INDENT = 2 * CHAR;

/** 附件说明: "附件：1.××" 2 characters in; wrapped names align with the name (hanging indent). */
export const ATTACHMENT_NOTE = { left: 2 * CHAR + 3 * CHAR + 240, hanging: 3 * CHAR + 240 };

/** 版记: 4号仿宋, 1 character in on each side; thick rules 0.35 mm (≈ 1 pt), thin 0.25 mm (≈ 0.75 pt). */
export const IMPRINT = { pt: PT.四号, indent: Math.round(PT.四号 * 20), thick: 8, thin: 6 };

/**
 * 页码: 4号半角宋体 "— N —", the 一字线 7 mm below the 版心; odd pages right with 1 character gap, even pages
 * left with 1 character gap (§7.5). The footer distance is measured from the page bottom to the footer's
 * baseline area: 22 mm puts the number's text box 7 mm below the 版心 in LibreOffice (test/unit/export-libreoffice).
 */
export const PAGE_NUMBER = { pt: PT.四号, font: 'songti' as FontKey, footer: mm(22), gapBelowTextMm: 7, sideIndent: Math.round(PT.四号 * 20) };
export const HEADER_DISTANCE = mm(15);

/** Tables inside 公文 (对照表, 15 columns on a landscape page): 小五 text, 黑体 header, header row repeated on every page, rows not split. */
export const TABLE = { pt: PT.小五, headerPt: PT.小五, cellMargin: 57 };

/** 三定: 第×条 in 黑体 followed by an ideographic space. */
export const ARTICLE_SEPARATOR = '\u3000';
