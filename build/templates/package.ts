// Deterministic OOXML packages: fixed entry order, fixed timestamps, fixed document-property dates,
// so that rebuilding the default templates gives byte-identical files (checked by test/unit/export-templates).
import PizZip from 'pizzip';
import { FONT } from './gbt9704';
import { esc, W_NS } from './ooxml';

/** The date written into every default template (zip entries and docProps). */
export const TEMPLATE_EPOCH_ISO = '2024-01-01T00:00:00Z';
/** pizzip writes DOS times from *local* date parts; build the date from local parts so any TZ gives the same bytes. */
const zipDate = () => new Date(2024, 0, 1, 0, 0, 0);

export function zipDeterministic(entries: [string, string | Uint8Array][]): Buffer {
  const zip = new PizZip();
  for (const [name, content] of entries) zip.file(name, content, { date: zipDate(), createFolders: false, binary: typeof content !== 'string' });
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } }) as Buffer;
}

/** Re-packs an existing package (e.g. what exceljs wrote) in its own entry order with fixed dates. */
export function repack(buffer: Buffer | Uint8Array, patch: (name: string, text: string) => string = (_n, t) => t): Buffer {
  const src = new PizZip(buffer);
  const entries: [string, string | Uint8Array][] = [];
  for (const name of Object.keys(src.files)) {
    const f = src.files[name];
    if (f.dir) continue;
    if (/\.(xml|rels)$/.test(name)) entries.push([name, patch(name, f.asText())]);
    else entries.push([name, f.asUint8Array()]);
  }
  return zipDeterministic(entries);
}

export interface TemplateIdentity {
  id: string;
  version: number;
  schemaVersion: number;
  title: string;
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function customPropsXml(t: TemplateIdentity): string {
  const prop = (pid: number, name: string, v: string) =>
    `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${pid}" name="${name}"><vt:lpwstr>${esc(v)}</vt:lpwstr></property>`;
  return (
    XML +
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" ' +
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
    prop(2, 'TemplateId', t.id) +
    prop(3, 'TemplateVersion', String(t.version)) +
    prop(4, 'TemplateSchemaVersion', String(t.schemaVersion)) +
    '</Properties>'
  );
}

function coreXml(t: TemplateIdentity): string {
  return (
    XML +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${esc(t.title)}</dc:title><dc:creator>ZoneDesk</dc:creator>` +
    `<cp:keywords>TemplateId=${esc(t.id)};TemplateVersion=${t.version}</cp:keywords>` +
    `<cp:lastModifiedBy>ZoneDesk</cp:lastModifiedBy><cp:revision>1</cp:revision>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${TEMPLATE_EPOCH_ISO}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${TEMPLATE_EPOCH_ISO}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const appXml =
  XML +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ' +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>ZoneDesk</Application></Properties>';

function stylesXml(): string {
  const rFonts = `<w:rFonts w:ascii="${FONT.latin}" w:eastAsia="${FONT.fangsong}" w:hAnsi="${FONT.latin}" w:cs="${FONT.latin}"/>`;
  return (
    XML +
    `<w:styles ${W_NS}>` +
    '<w:docDefaults><w:rPrDefault><w:rPr>' +
    rFonts +
    '<w:color w:val="000000"/><w:kern w:val="0"/><w:sz w:val="32"/><w:szCs w:val="32"/>' +
    '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' +
    '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="240" w:lineRule="auto"/><w:jc w:val="both"/></w:pPr></w:pPrDefault></w:docDefaults>' +
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>' +
    '<w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr></w:style>' +
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>' +
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:semiHidden/>' +
    '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>' +
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
    '<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/>' +
    '<w:pPr><w:snapToGrid w:val="0"/></w:pPr></w:style>' +
    '</w:styles>'
  );
}

function settingsXml(evenOdd: boolean): string {
  return (
    XML +
    `<w:settings ${W_NS}>` +
    '<w:zoom w:percent="100"/>' +
    '<w:defaultTabStop w:val="420"/>' +
    (evenOdd ? '<w:evenAndOddHeaders/>' : '') +
    '<w:characterSpacingControl w:val="doNotCompress"/>' +
    '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
    '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>' +
    '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/>' +
    '</w:settings>'
  );
}

/** Font table with Windows fallbacks: a PC without the *_GB2312 fonts uses 仿宋 / 楷体 (altName). */
function fontTableXml(): string {
  const f = (name: string, alt: string | null, family: string, pitch: string) =>
    `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:charset w:val="86"/>` +
    `<w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`;
  return (
    XML +
    `<w:fonts ${W_NS}>` +
    f(FONT.latin, null, 'roman', 'variable').replace('<w:charset w:val="86"/>', '<w:charset w:val="00"/>') +
    f(FONT.fangsong, '仿宋', 'modern', 'fixed') +
    f(FONT.kaiti, '楷体', 'modern', 'fixed') +
    f(FONT.heiti, 'SimHei', 'modern', 'fixed') +
    f(FONT.xiaobiaosong, '宋体', 'auto', 'variable') +
    f(FONT.songti, 'SimSun', 'auto', 'variable') +
    '</w:fonts>'
  );
}

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT_W = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

export interface DocxParts {
  identity: TemplateIdentity;
  document: string;
  /** footers: rId10 = odd (default), rId11 = even */
  footers?: { odd: string; even: string };
}

export function buildDocxPackage(p: DocxParts): Buffer {
  const hasFooters = !!p.footers;
  const contentTypes =
    XML +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/word/document.xml" ContentType="${CT_W}.document.main+xml"/>` +
    `<Override PartName="/word/styles.xml" ContentType="${CT_W}.styles+xml"/>` +
    `<Override PartName="/word/settings.xml" ContentType="${CT_W}.settings+xml"/>` +
    `<Override PartName="/word/fontTable.xml" ContentType="${CT_W}.fontTable+xml"/>` +
    (hasFooters
      ? `<Override PartName="/word/footer1.xml" ContentType="${CT_W}.footer+xml"/>` +
        `<Override PartName="/word/footer2.xml" ContentType="${CT_W}.footer+xml"/>`
      : '') +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
    '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
    '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' +
    '</Types>';
  const rootRels =
    XML +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="word/document.xml"/>` +
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
    `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
    `<Relationship Id="rId4" Type="${REL}/custom-properties" Target="docProps/custom.xml"/>` +
    '</Relationships>';
  const docRels =
    XML +
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    `<Relationship Id="rId1" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId2" Type="${REL}/settings" Target="settings.xml"/>` +
    `<Relationship Id="rId3" Type="${REL}/fontTable" Target="fontTable.xml"/>` +
    (hasFooters
      ? `<Relationship Id="rId10" Type="${REL}/footer" Target="footer1.xml"/>` +
        `<Relationship Id="rId11" Type="${REL}/footer" Target="footer2.xml"/>`
      : '') +
    '</Relationships>';
  const entries: [string, string][] = [
    ['[Content_Types].xml', contentTypes],
    ['_rels/.rels', rootRels],
    ['docProps/core.xml', coreXml(p.identity)],
    ['docProps/app.xml', appXml],
    ['docProps/custom.xml', customPropsXml(p.identity)],
    ['word/document.xml', p.document],
    ['word/_rels/document.xml.rels', docRels],
    ['word/styles.xml', stylesXml()],
    ['word/settings.xml', settingsXml(hasFooters)],
    ['word/fontTable.xml', fontTableXml()],
  ];
  if (p.footers) entries.push(['word/footer1.xml', p.footers.odd], ['word/footer2.xml', p.footers.even]);
  return zipDeterministic(entries);
}
