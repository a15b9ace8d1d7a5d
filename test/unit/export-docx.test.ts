// Every default Word template filled with the seed reform and reopened: strict XML, no placeholder left, text in
// order, table rows, A4 + GB/T margins, odd/even page-number footers, East Asian font on every run; plus user-edit
// robustness (split runs, proofErr, full-width braces) and refusal of broken tags with their place.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { toPaperContext } from '../../electron/export/context';
import { fillDocx } from '../../electron/export/fill-docx';
import { TemplateError } from '../../electron/export/issues';
import type { PaperDocType } from '../../shared/papers';
import { inspectDocx, missingInOrder, TWIPS_PER_MM } from '../fixtures/docx-inspect';
import { seedPaper } from '../fixtures/seed-paper';
import PizZip from 'pizzip';

const TEMPLATES = join(__dirname, '..', '..', 'electron', 'export', 'templates');
const tpl = (t: string) => readFileSync(join(TEMPLATES, `${t}.docx`));
const fill = (t: PaperDocType, template: Uint8Array = tpl(t)) => fillDocx(template, toPaperContext(seedPaper(), t));

const EXPECTED: Record<string, string[]> = {
  request: [
    '中共天水市委机构编制委员会文件', '天编委发〔2022〕3号', '签发人：王××', '关于天水市开发区管理机构', '有关事项的请示',
    '各县区党委机构编制委员会，市直有关部门：', '一、改革的必要性和依据', '二、机构整合方案', '（一）天水经济技术开发区管理委员会。',
    '三、职责调整', '四、编制和人员安置', '五、资产和债务处理', '六、其他事项', '妥否，请批示。',
    '附件：天水市开发区管理机构优化整合机构整合对照表', '中共天水市委机构编制委员会', '2022年3月16日', '（联系人：张××，电话：0938-0000000',
    '抄送：市委办公室，市人大常委会办公室，市政府办公室，市政协办公室。', '中共天水市委机构编制委员会办公室', '2022年3月16日印发',
  ],
  reply: [
    '中共天水市委机构编制委员会文件', '天编委发〔2022〕3号', '有关事项的批复', '中共天水经济技术开发区工作委员会：',
    '你单位《关于天水市开发区管理机构优化整合的请示》（天开党工委发〔2022〕1号）收悉。', '一、同意天水市开发区管理机构优化整合。',
    '由26个精简至23个', '由15个整合为6个', '“一个机构、两块牌子”', '此复。', '2022年3月16日', '2022年3月16日印发',
  ],
  notice: [
    '天编委发〔2022〕3号', '有关事项的通知', '一、机构调整', '整合并入天水经济技术开发区管理委员会。', '二、机构设置', '三、内设机构',
    '四、编制和领导职数', '五、编制和人员划转', '六、其他事项', '本通知自2022年3月16日起施行。', '附件：天水市开发区管理机构优化整合机构整合对照表',
  ],
  plan: [
    '天水市开发区管理机构优化整合实施方案', '一、指导思想', '二、基本原则', '（一）坚持党的全面领导。', '三、目标任务', '由26个精简至23个',
    '四、主要内容', '（一）天水经济技术开发区管理委员会。', '1.内设机构。', '五、职责边界', '六、实施步骤', '七、组织保障', '附件：天水市开发区管理机构优化整合机构整合对照表',
  ],
  sanding: [
    '中共天水经济技术开发区工作委员会', '天水经济技术开发区管理委员会', '职能配置、内设机构和人员编制规定',
    '第一条　为坚持和加强党的全面领导', '《中国共产党机构编制工作条例》', '第二条　中共天水经济技术开发区工作委员会是中共天水市委的派出机构',
    '两者合署办公，实行“一个机构、两块牌子”的管理体制，为正县级', '第三条', '第四条　经开区党工委（管委会）的主要职责是：', '（一）贯彻执行党中央',
    '（八）完成中共天水市委、天水市人民政府交办的其他任务。', '（九）职能转变。', '第五条', '（限额10个）', '（一）党政办公室。', '（十）人力资源局。',
    '第六条　经开区党工委（管委会）机关核定行政编制30名、参公事业编制15名。', '设党工委书记1名、管委会主任1名、副主任4名、纪工委书记1名。',
    '第七条　其他事项。', '（一）与麦积区人民政府的职责分工。', '（二）派驻机构。', '（三）所属事业单位。天水经济技术开发区政务服务中心（公益一类，全额拨款',
    '第八条　本规定由中共天水市委机构编制委员会办公室负责解释', '本规定自2022年3月16日起施行。',
  ],
  mapping: ['附件', '天水市开发区管理机构优化整合机构整合对照表', '单位：个、名', '序号', '原机构名称', '备注', '天水经济技术开发区管理委员会', '合计'],
};

const DOC_TYPES = ['request', 'plan', 'reply', 'notice', 'sanding', 'mapping'] as const;
const mm = (twips: number) => twips / TWIPS_PER_MM;

describe('default Word templates filled with the seed reform', () => {
  for (const t of DOC_TYPES) {
    it(`${t}.docx: strict XML, no placeholder left, text in order, fonts, page setup`, () => {
      const f = inspectDocx(fill(t)); // parses every part strictly or throws
      const text = f.paragraphs.join('\n');
      for (const footer of Object.values(f.footers)) expect(footer.text).not.toMatch(/[{}｛｝]/);
      expect(text).not.toMatch(/[{}｛｝]/);
      expect(missingInOrder(text, EXPECTED[t])).toBeNull();
      expect(f.runsWithoutEastAsia).toEqual([]);

      const s = f.sections[f.sections.length - 1];
      const landscape = t === 'mapping';
      expect(landscape ? [s.h, s.w] : [s.w, s.h]).toEqual([11906, 16838]); // A4
      const m = landscape ? { top: s.left, left: s.top, right: s.bottom, bottom: s.right } : s; // turned a quarter
      expect(mm(m.top)).toBeCloseTo(37, 0);
      expect(mm(m.left)).toBeCloseTo(28, 0);
      expect(mm(m.right)).toBeCloseTo(26, 0);
      expect(mm(m.bottom)).toBeCloseTo(35, 0);
      if (!landscape) expect([s.gridType, s.linePitch]).toEqual(['lines', 579]);
      expect(landscape ? s.orient : null).toBe(landscape ? 'landscape' : null);

      // odd (default) footer right, even footer left, both with a PAGE field; evenAndOddHeaders on
      expect(f.evenAndOddHeaders).toBe(true);
      const odd = f.footers[s.footerRefs.default];
      const even = f.footers[s.footerRefs.even];
      expect(odd).toMatchObject({ align: 'right', hasPageField: true });
      expect(even).toMatchObject({ align: 'left', hasPageField: true });
      expect(odd.text).toMatch(/^— .* —$/);
      expect(f.custom.TemplateId).toBe(`zonedesk.${t}`);
    });
  }

  it('mapping.docx: one table row per mapping row plus header and totals; header repeats; totals computed', () => {
    const paper = seedPaper();
    const f = inspectDocx(fill('mapping'));
    expect(f.tables).toHaveLength(1);
    const tb = f.tables[0];
    expect(tb.rows).toBe(paper.mapping.length + 2);
    expect(tb.headerRows).toBe(1);
    expect(tb.cells[0]).toHaveLength(15);
    expect(tb.cells[1][0]).toBe('1');
    expect(tb.cells[paper.mapping.length][0]).toBe(String(paper.mapping.length));
    const total = tb.cells[tb.rows - 1];
    expect(total[0]).toBe('合计');
    const headcount = paper.mapping.reduce((a, r) => a + r.actualHeadcount, 0);
    expect(total).toContain(String(headcount));
  });

  it('reply.docx: 发文字号 centred (下行文); request.docx: 发文字号 left with 签发人 on the same line (上行文)', () => {
    const centred = (buf: Buffer) => {
      const xml = new PizZip(buf).file('word/document.xml')!.asText();
      const p = xml.split('</w:p>').find((x) => x.includes('天编委发〔2022〕3号'))!;
      return p.includes('<w:jc w:val="center"/>');
    };
    expect(centred(fill('reply'))).toBe(true);
    expect(centred(fill('notice'))).toBe(true);
    expect(centred(fill('request'))).toBe(false);
    expect(inspectDocx(fill('request')).paragraphs).toContain('天编委发〔2022〕3号签发人：王××');
  });

  it('a paper with no 抄送 and no attachments drops those paragraphs entirely', () => {
    const paper = seedPaper();
    paper.office.copyTo = [];
    paper.reform.attachments = [];
    const f = inspectDocx(fillDocx(tpl('notice'), toPaperContext(paper, 'notice')));
    const text = f.paragraphs.join('\n');
    expect(text).not.toContain('抄送');
    expect(text).not.toContain('附件');
    expect(text).toContain('2022年3月16日印发');
  });
});

describe('user-edited templates', () => {
  const splitRun = (xml: string, whole: string, parts: string[]) => {
    const re = new RegExp(`<w:r>(<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)<w:t xml:space="preserve">${whole.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</w:t></w:r>`);
    const m = re.exec(xml);
    if (!m) throw new Error(`run ${whole} not found`);
    const runs = parts.map((p) => `<w:r>${m[1]}<w:t xml:space="preserve">${p}</w:t></w:r>`).join('<w:proofErr w:type="spellStart"/>');
    return xml.replace(m[0], runs);
  };
  const edit = (t: string, fn: (xml: string) => string) => {
    const zip = new PizZip(tpl(t));
    zip.file('word/document.xml', fn(zip.file('word/document.xml')!.asText()));
    return zip.generate({ type: 'nodebuffer' }) as Buffer;
  };

  it('a placeholder split across runs (with proofErr, as Word does) still fills', () => {
    const t = edit('request', (x) => splitRun(splitRun(x, '{主送机关}：', ['{主送', '机关}', '：']), '{#正文}', ['{#', '正', '文}']));
    const f = inspectDocx(fill('request', t));
    expect(f.paragraphs).toContain('各县区党委机构编制委员会，市直有关部门：');
    expect(f.paragraphs.join('\n')).toContain('一、改革的必要性和依据');
    expect(f.paragraphs.join('\n')).not.toMatch(/[{}]/);
  });

  it('full-width braces and ＃ typed with a Chinese IME are normalised', () => {
    const t = edit('notice', (x) => x.replace('{主送机关}', '｛主送机关｝').replace('{#正文}', '｛＃正文｝').replace('{/正文}', '｛／正文｝'));
    const text = inspectDocx(fill('notice', t)).paragraphs.join('\n');
    expect(text).toContain('各县区党委机构编制委员会，市直有关部门：');
    expect(text).toContain('一、机构调整');
    expect(text).not.toMatch(/[{}｛｝]/);
  });

  it('a broken tag is refused with its place named', () => {
    const t = edit('request', (x) => x.replace('{主送机关}：', '{主送机关：'));
    try {
      fill('request', t);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TemplateError);
      const issue = (e as TemplateError).issues[0];
      expect(issue.place).toMatch(/^正文第\d+段$/);
      expect((e as TemplateError).message).toMatch(/正文第\d+段/);
    }
  });

  it('expressions are refused, not evaluated (safe parser)', () => {
    const t = edit('request', (x) => x.replace('{主送机关}：', '{主送机关 + constructor}：'));
    expect(() => fill('request', t)).toThrow(/只能是字段名/);
    const t2 = edit('request', (x) => x.replace('{主送机关}：', '{constructor.name}{__proto__}：'));
    expect(inspectDocx(fill('request', t2)).paragraphs).toContain('：'); // prototype members are not fields
  });

  it('raw-XML tags and delimiter switches are refused', () => {
    const raw = edit('request', (x) => x.replace('{主送机关}：', '{@主送机关}：'));
    expect(() => fill('request', raw)).toThrow(/不支持原始XML占位符/);
    const delim = edit('request', (x) => x.replace('{主送机关}：', '{=<% %>=}<%主送机关%>：'));
    expect(() => fill('request', delim)).toThrow(TemplateError);
  });

  it('filters from the whitelist work, unknown ones are refused', () => {
    const t = edit('request', (x) => x.replace('{主送机关}：', '{测试日期 | 公文日期}：'));
    const out = fillDocx(t, { ...toPaperContext(seedPaper(), 'request'), 测试日期: '2022-03-16' });
    expect(inspectDocx(out).paragraphs).toContain('2022年3月16日：');
    const bad = edit('request', (x) => x.replace('{主送机关}：', '{测试日期 | eval}：'));
    expect(() => fill('request', bad)).toThrow(/未知的格式/);
  });
});
