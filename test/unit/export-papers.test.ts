// Pure helpers: Chinese dates, 发文字号, heading and article numbers, titles; the safe tag parser; A1 reference
// arithmetic; the field catalogue against what toPaperContext produces; Windows-safe file names.
import { describe, expect, it } from 'vitest';
import { toPaperContext } from '../../electron/export/context';
import { FIELD_CATALOGUE, insertableFields, type FieldDef } from '../../electron/export/fields';
import { safeFileName } from '../../electron/export/files';
import { lexTags, parseTag } from '../../electron/export/tags';
import { expandRange, shiftFormula } from '../../electron/export/xlsx-refs';
import {
  articleNumber,
  balanceTitle,
  chineseNumeral,
  formatChineseDate,
  formatDocNo,
  formatStaffing,
  headingNumber,
  PAPER_DOC_TYPES,
  parseDocNo,
} from '../../shared/papers';
import { seedPaper } from '../fixtures/seed-paper';

describe('shared/papers helpers', () => {
  it('formatChineseDate: no leading zeros, invalid dates refused', () => {
    expect(formatChineseDate('2022-03-16')).toBe('2022年3月16日');
    expect(formatChineseDate('2025-12-01')).toBe('2025年12月1日');
    expect(() => formatChineseDate('2022-02-30')).toThrow(/日期无效/);
    expect(() => formatChineseDate('2022/3/16')).toThrow(/YYYY-MM-DD/);
  });

  it('formatDocNo / parseDocNo', () => {
    expect(formatDocNo({ prefix: '天编委发', year: 2022, number: 3 })).toBe('天编委发〔2022〕3号');
    expect(parseDocNo('天编委发〔2022〕3号')).toEqual({ prefix: '天编委发', year: 2022, number: 3 });
    expect(parseDocNo('天编委发[2022]第03号')).toEqual({ prefix: '天编委发', year: 2022, number: 3 });
    expect(() => formatDocNo({ prefix: '天编委发', year: 2022, number: 0 })).toThrow();
    expect(parseDocNo('天编委发2022年3号')).toBeNull();
  });

  it('chinese numerals and heading numbers up to 99 and beyond', () => {
    const expected: Record<number, string> = { 1: '一', 10: '十', 11: '十一', 20: '二十', 21: '二十一', 99: '九十九', 100: '一百', 101: '一百零一', 110: '一百一十', 1005: '一千零五' };
    for (const [n, s] of Object.entries(expected)) expect(chineseNumeral(+n)).toBe(s);
    expect(headingNumber(1, 1)).toBe('一、');
    expect(headingNumber(2, 12)).toBe('（十二）');
    expect(headingNumber(3, 3)).toBe('3.');
    expect(headingNumber(4, 7)).toBe('（7）');
    expect(headingNumber(1, 99)).toBe('九十九、');
    expect(articleNumber(1)).toBe('第一条');
    expect(articleNumber(8)).toBe('第八条');
    expect(articleNumber(23)).toBe('第二十三条');
    expect(() => headingNumber(1, 0)).toThrow();
  });

  it('balanceTitle breaks long titles into balanced lines without orphan punctuation', () => {
    expect(balanceTitle('关于天水市开发区管理机构优化整合的请示')).toBe('关于天水市开发区管理机构优化整合的请示');
    const t = balanceTitle('关于天水市开发区管理机构优化整合有关事项的请示');
    const lines = t.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines.join('')).toBe('关于天水市开发区管理机构优化整合有关事项的请示');
    expect(Math.abs([...lines[0]].length - [...lines[1]].length)).toBeLessThanOrEqual(1);
    for (const l of balanceTitle('关于印发《天水经济技术开发区管理委员会职能配置、内设机构和人员编制规定》的通知').split('\n')) {
      expect([...l].length).toBeLessThanOrEqual(20);
      expect(l).not.toMatch(/^[、，》）]|[《（]$/);
    }
  });

  it('formatStaffing', () => {
    expect(formatStaffing({ 行政编制: 30, 参公事业编制: 15, 工勤: 0 })).toBe('行政编制30名、参公事业编制15名');
  });
});

describe('safe tag syntax', () => {
  it('accepts field paths and whitelisted filters only', () => {
    expect(parseTag(' 发文字号 ')).toEqual({ path: ['发文字号'], filters: [] });
    expect(parseTag('合计.原编制')).toEqual({ path: ['合计', '原编制'], filters: [] });
    expect(parseTag('.')).toEqual({ path: [], filters: [] });
    expect(parseTag('成文日期 | 公文日期')).toEqual({ path: ['成文日期'], filters: ['公文日期'] });
    for (const bad of ['a + b', 'a()', '"x"', 'a[0]', 'a..b', 'x | eval', '']) expect(() => parseTag(bad), bad).toThrow();
  });

  it('lexTags reports unbalanced braces', () => {
    expect(lexTags('{#正文}{文字}{/正文}').tags.map((t) => t.kind)).toEqual(['open', 'value', 'close']);
    expect(lexTags('{主送机关：').issues).toHaveLength(1);
    expect(lexTags('多余}').issues).toHaveLength(1);
  });
});

describe('A1 reference arithmetic for the template-row filler', () => {
  const e = { at: 4, count: 10 }; // row 4 becomes rows 4…13
  it('stretches ranges that end on the template row and moves rows below', () => {
    expect(shiftFormula('SUM(E4:E4)', e, 'S')).toBe('SUM(E4:E13)');
    expect(shiftFormula('SUM($E$4:$E$4)+E5*2', e, 'S')).toBe('SUM($E$4:$E$13)+E14*2');
    expect(shiftFormula('E2+E3', e, 'S')).toBe('E2+E3');
    expect(shiftFormula('IF(A5="E4","E4",LOG10(E5))', e, 'S')).toBe('IF(A14="E4","E4",LOG10(E14))');
    expect(shiftFormula("Other!E5+'S'!E5+S!E5", e, 'S')).toBe("Other!E5+'S'!E14+S!E14");
  });
  it('inside the i-th copy, relative references to the template row follow the row', () => {
    expect(shiftFormula('SUM(E4:J4)', e, 'S', 3)).toBe('SUM(E7:J7)');
    expect(shiftFormula('K4-M4+$B$1+E$4', e, 'S', 2)).toBe('K6-M6+$B$1+E$4');
    expect(shiftFormula('SUM($E$4:E4)', e, 'S', 5)).toBe('SUM($E$4:E9)');
  });
  it('ranges for merges, CF and DV', () => {
    expect(expandRange('H4', e)).toBe('H4:H13');
    expect(expandRange('A5:D5', e)).toBe('A14:D14');
    expect(expandRange('A1:O7', e)).toBe('A1:O16');
    expect(expandRange('A1:O1', e)).toBe('A1:O1');
  });
});

describe('field catalogue ↔ context', () => {
  function check(defs: FieldDef[], value: Record<string, unknown>, where: string) {
    for (const d of defs) {
      expect(Object.prototype.hasOwnProperty.call(value, d.name), `${where}.${d.name} missing from the context`).toBe(true);
      const v = value[d.name];
      if (d.type === 'list') {
        expect(Array.isArray(v), `${where}.${d.name} should be a list`).toBe(true);
        const first = (v as unknown[])[0];
        if (first && typeof first === 'object' && d.children?.length) check(d.children, first as Record<string, unknown>, `${where}.${d.name}[0]`);
      } else if (d.type === 'object') check(d.children ?? [], v as Record<string, unknown>, `${where}.${d.name}`);
      else if (d.type === 'bool') expect(typeof v).toBe('boolean');
    }
  }
  for (const t of PAPER_DOC_TYPES) {
    it(`${t}: every catalogued field is produced, and every produced field is catalogued`, () => {
      const ctx = toPaperContext(seedPaper(), t);
      check(FIELD_CATALOGUE[t], ctx, t);
      expect(Object.keys(ctx).filter((k) => !FIELD_CATALOGUE[t].some((d) => d.name === k))).toEqual([]);
      expect(insertableFields(t, 'docx').length).toBeGreaterThan(5);
    });
  }
  it('insertable fields for Excel use {列表.字段}', () => {
    expect(insertableFields('mapping', 'xlsx').map((f) => f.tag)).toContain('{机构对照.处理方式}');
  });
});

describe('safeFileName', () => {
  it('makes names valid on Windows and keeps Chinese', () => {
    expect(safeFileName('关于天水市开发区管理机构优化整合的请示.docx')).toBe('关于天水市开发区管理机构优化整合的请示.docx');
    expect(safeFileName('a<b>c:d"e/f\\g|h?i*j.docx')).toBe('a_b_c_d_e_f_g_h_i_j.docx');
    expect(safeFileName('CON.docx')).toBe('_CON.docx');
    expect(safeFileName('  名称. . ')).toBe('名称');
    expect(safeFileName('\u0001\u0002')).toBe('未命名');
    const long = safeFileName(`${'很长的标题'.repeat(40)}.xlsx`);
    expect([...long].length).toBeLessThanOrEqual(120);
    expect(long.endsWith('.xlsx')).toBe(true);
  });
});
