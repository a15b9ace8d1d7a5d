// The pieces under the .xlsx reader: XML tags and text checked as XML requires, Excel's escapes, number
// formats that make a number a date, the cell formats of styles.xml, the 1904 date system, and the
// chunk feeder (UTF-8 characters and units cut by chunk borders, long units read in one pass).
import { describe, expect, it } from 'vitest';
import { SharedStringsParser, dateStyles, isDateFormatCode, usesDate1904 } from '../../electron/import/xlsx-parts';
import { SheetRowParser } from '../../electron/import/xlsx-sheet';
import type { RawRow } from '../../electron/import/source';
import { TagKind, XmlSyntaxError, checkWellFormed, decodeXml, feedChunks, readTag, unescapeXString } from '../../electron/import/xlsx-xml';

describe('XML text and tags', () => {
  it('decodes the five entities and character references, and refuses anything else after “&”', () => {
    expect(decodeXml('a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#20013;&#x6587; &#x1F600;')).toBe('a & b <c> "d" \'e\' 中文 😀');
    expect(decodeXml('第一行\r\n第二行\r第三行')).toBe('第一行\n第二行\n第三行');
    for (const bad of ['a & b', '&nbsp;', '&#0;', '&#xD800;', '&amp', '&#xZZ;']) expect(() => decodeXml(bad), bad).toThrow(XmlSyntaxError);
  });

  it('resolves _xHHHH_ escapes, with _x005F_ escaping a literal one', () => {
    expect(unescapeXString('a_x000D__x000A_b')).toBe('a\r\nb');
    expect(unescapeXString('_x005F_x0041_')).toBe('_x0041_');
    expect(unescapeXString('_x41_ _xZZZZ_ plain')).toBe('_x41_ _xZZZZ_ plain');
  });

  it('reads start, end and empty tags with prefixes and attributes; null when the tag is cut off', () => {
    const s = '<x:c r="A1" t=\'s\'  s = "3" >';
    expect(readTag(s, 0)).toMatchObject({ kind: TagKind.Open, qname: 'x:c', local: 'c', end: s.length });
    expect(readTag('<row r="1"/>', 0)).toMatchObject({ kind: TagKind.Empty, local: 'row' });
    expect(readTag('</x:row >', 0)).toMatchObject({ kind: TagKind.Close, local: 'row' });
    expect(readTag('<![CDATA[<a>]]>', 0)).toMatchObject({ kind: TagKind.CData, from: 9, to: 12 });
    for (const cut of ['<c r="A', '<c r="A1"', '<c r="A1" /', '</c', '<!-- x', '<![CDA']) expect(readTag(cut, 0), cut).toBeNull();
  });

  it('refuses malformed tags', () => {
    for (const bad of ['<1c>', '<c r=A1>', '<c r="A1"t="s">', '<c r="a<b">', '<c r="&x;">', '<c / >', '</c x>', '<!DOCTYPE x>', '<?xml version="1.0"< ?>', '<?xml "version="1.0"?>']) {
      expect(() => readTag(bad, 0), bad).toThrow(XmlSyntaxError);
    }
  });

  it('checks small parts for well-formedness', () => {
    checkWellFormed('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1"><b>文字 &amp; 更多</b><c/><!-- 注释 --></a>\n');
    for (const bad of ['<a><b></a></b>', '<a/><b/>', 'x<a/>', '<a>', '<a>&bad;</a>', '<a>\u0001</a>', '<a></a>y']) {
      expect(() => checkWellFormed(bad), bad).toThrow(XmlSyntaxError);
    }
  });
});

describe('number formats', () => {
  it('a format is a date format when y m d h s stand outside quotes, brackets and escapes', () => {
    const dates = ['yyyy-mm-dd', 'yyyy"年"m"月"d"日"', 'm/d/yy', 'h:mm:ss', '[h]:mm', '[$-804]yyyy/m/d', 'YYYY/MM/DD', 'mm:ss.0', 'd-mmm', '[Red]yyyy-mm-dd'];
    const numbers = ['General', '0.00', '#,##0', '0%', '"days" 0', '[Red]#,##0.00', '0.00E+00', '@', '\\d0', '0_);(0)', '#,##0"元"', '0;"负数"yyyy'];
    for (const f of dates) expect(isDateFormatCode(f), f).toBe(true);
    for (const f of numbers) expect(isDateFormatCode(f), f).toBe(false);
  });

  it('dateStyles follows the cell formats (cellXfs), not the named styles, and custom codes over built-in ids', () => {
    const styles = `<styleSheet xmlns="x"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;"/><numFmt numFmtId="14" formatCode="0.00"/></numFmts>
      <cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>
      <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/><xf numFmtId="31"/><xf numFmtId="57" applyNumberFormat="1"/><xf/></cellXfs></styleSheet>`;
    expect(dateStyles(styles)).toEqual([false, true, false, true, true, false]);
    expect(dateStyles('<styleSheet/>')).toEqual([]);
    expect(() => dateStyles('<styleSheet><cellXfs></styleSheet>')).toThrow(XmlSyntaxError);
  });

  it('the 1904 date system is read from workbookPr', () => {
    expect(usesDate1904('<workbook><workbookPr date1904="1"/></workbook>')).toBe(true);
    expect(usesDate1904('<x:workbook xmlns:x="m"><x:workbookPr date1904="true" filterPrivacy="1"/></x:workbook>')).toBe(true);
    expect(usesDate1904('<workbook><workbookPr date1904="0"/></workbook>')).toBe(false);
    expect(usesDate1904('<workbook><workbookPr/></workbook>')).toBe(false);
  });
});

async function parseStrings(chunks: Buffer[], mostly: 'markup' | 'text' = 'text'): Promise<SharedStringsParser> {
  const parser = new SharedStringsParser();
  async function* source() { yield* chunks; }
  for await (const _ of feedChunks(source(), parser, mostly)) { /* the parser collects */ }
  return parser;
}

describe('feeding chunks', () => {
  it('characters and units cut at every byte come out whole', async () => {
    const xml = Buffer.from('\ufeff<?xml version="1.0"?><sst xmlns="m"><si><t>开发区&amp;管委会</t></si><si><r><t>富</t></r><r><t>文本😀</t></r></si><si/></sst>');
    const whole = await parseStrings([xml]);
    expect(whole.strings).toEqual(['开发区&管委会', '富文本😀', null]);
    expect(whole.complete).toBe(true);
    for (const mostly of ['markup', 'text'] as const) { // both UTF-8 decoders keep cut characters whole
      const bytes = await parseStrings([...xml].map((b) => Buffer.from([b])), mostly);
      expect(bytes.strings, mostly).toEqual(whole.strings);
      expect(bytes.complete).toBe(true);
    }
  });

  it('a sheet fed one byte at a time gives the same rows as fed whole', async () => {
    const sheet = Buffer.from('<?xml version="1.0"?>\n<worksheet xmlns="m"><sheetPr/><sheetData>'
      + '<row r="1"><c r="A1" t="inlineStr"><is><t>甲&amp;乙</t></is></c><c r="B1" s="1"><v>44636</v></c><!-- 注释 --><c r="C1" t="b"><v>1</v></c></row>'
      + '<row r="2"><c r="A2" t="s"><v>0</v></c><c r="C2"><f>1+1</f><v>2</v></c></row><row r="3"/>'
      + '</sheetData><headerFooter><oddHeader>&amp;C第&amp;P页</oddHeader></headerFooter></worksheet>\n');
    const read = async (chunks: Buffer[]) => {
      const parser = new SheetRowParser({ sharedStrings: ['共享'], dateStyles: [false, true], date1904: false, maxChars: 32767 });
      const rows: RawRow[] = [];
      async function* source() { yield* chunks; }
      for await (const _ of feedChunks(source(), parser)) rows.push(...parser.take());
      return { rows, complete: parser.complete };
    };
    const whole = await read([sheet]);
    expect(whole).toEqual({ complete: true, rows: [
      { row: 1, cells: ['甲&乙', new Date(Date.UTC(2022, 2, 16)), true] }, { row: 2, cells: ['共享', null, 2] }, { row: 3, cells: [] },
    ] });
    expect(await read([...sheet].map((b) => Buffer.from([b])))).toEqual(whole);
    expect((await read([sheet.subarray(0, sheet.length - 20)])).complete).toBe(false);
  });

  it('a truncated part is incomplete', async () => {
    const parser = await parseStrings([Buffer.from('<sst><si><t>甲</t></si><si><t>乙')]);
    expect(parser.complete).toBe(false);
    expect(parser.strings).toEqual(['甲']);
  });

  it('a very long unit arriving in small chunks is read in one pass, not rescanned per chunk', async () => {
    const long = '长'.repeat(4_000_000);
    const xml = Buffer.from(`<sst><si><r><t>${long}</t></r></si></sst>`);
    const chunks: Buffer[] = [];
    for (let i = 0; i < xml.length; i += 1024) chunks.push(xml.subarray(i, i + 1024));
    const t0 = performance.now();
    const parser = await parseStrings(chunks);
    expect(parser.strings[0]?.length).toBe(long.length);
    expect(performance.now() - t0).toBeLessThan(5_000); // rescanning 12 MB for each of 11,700 chunks would take minutes
  });
});
