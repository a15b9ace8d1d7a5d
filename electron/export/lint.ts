// Template linter: run on import (and before every export). Reports, in Chinese and with the place:
// malformed tags, unbalanced sections, unknown fields for the paper type, full-width braces that were normalised,
// and Excel features that exceljs would silently drop on save.
import Docxtemplater from 'docxtemplater';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import { PAPER_DOC_TYPE_LABELS, type PaperDocType, type TemplateKind } from '../../shared/papers';
import { normalizeDocxTags, paragraphsOf, partLabel, templatedParts } from './docx-text';
import { FIELD_CATALOGUE, type FieldDef } from './fields';
import { describeDocxError, DOCX_OPTIONS } from './fill-docx';
import { cellText } from './fill-xlsx';
import { hasErrors, type TemplateIssue } from './issues';
import { lexTags, normalizeTagChars, parseTag, TagSyntaxError } from './tags';

export interface LintResult {
  ok: boolean;
  issues: TemplateIssue[];
  /** distinct tags used, as written (after normalisation) */
  tags: string[];
  identity: { templateId: string; version: number } | null;
}

const err = (code: TemplateIssue['code'], place: string, message: string): TemplateIssue => ({ severity: 'error', code, place, message });
const warn = (code: TemplateIssue['code'], place: string, message: string): TemplateIssue => ({ severity: 'warning', code, place, message });

/** Checks a field path against the catalogue with the open sections as scopes (innermost first). */
function knownPath(path: string[], scopes: FieldDef[][]): boolean {
  if (!path.length) return scopes.length > 1; // {.} only inside a list
  for (const scope of [...scopes].reverse()) {
    let defs: FieldDef[] | undefined = scope;
    let ok = true;
    for (let i = 0; i < path.length; i++) {
      const f: FieldDef | undefined = defs?.find((d) => d.name === path[i]);
      if (!f) {
        ok = false;
        break;
      }
      if (i < path.length - 1) {
        if (f.type !== 'object' && f.type !== 'list') {
          ok = false;
          break;
        }
        defs = f.children;
      }
    }
    if (ok) return true;
  }
  return false;
}

function childScope(name: string, scopes: FieldDef[][]): FieldDef[] {
  for (const scope of [...scopes].reverse()) {
    const f = scope.find((d) => d.name === name);
    if (f) return f.type === 'list' || f.type === 'object' ? f.children ?? [] : [];
  }
  return [];
}

function lintDocx(buf: Buffer | Uint8Array, docType?: PaperDocType): LintResult {
  const issues: TemplateIssue[] = [];
  const tags = new Set<string>();
  let zip: PizZip;
  try {
    zip = new PizZip(buf);
  } catch {
    return { ok: false, issues: [err('not_a_template', '文件', '不是有效的 Word（.docx）文件')], tags: [], identity: null };
  }
  if (!zip.file('word/document.xml')) {
    return { ok: false, issues: [err('not_a_template', '文件', '文件中没有 word/document.xml，不是 Word 文档')], tags: [], identity: null };
  }
  const changed = normalizeDocxTags(zip);
  if (changed) issues.push(warn('normalized', '全文', `已将${changed}个全角字符（如“｛”“｝”）改为半角，占位符可正常识别`));
  const catalogue = docType ? FIELD_CATALOGUE[docType] : null;

  for (const part of templatedParts(zip)) {
    const label = partLabel(part);
    const stack: { name: string; place: string; scope: FieldDef[] }[] = [];
    for (const p of paragraphsOf(zip.file(part)!.asText())) {
      if (!p.text.includes('{') && !p.text.includes('}')) continue;
      const place = `${label}第${p.index}段`;
      const lexed = lexTags(p.text);
      for (const i of lexed.issues) issues.push(err('malformed_tag', place, i.message));
      for (const t of lexed.tags) {
        tags.add(`{${t.raw.trim()}}`);
        if (t.kind === 'close') {
          const top = stack.pop();
          if (!top) issues.push(err('unbalanced_section', place, `结束标记“{${t.raw}}”没有对应的开始标记`));
          else if (t.name && t.name !== top.name) {
            issues.push(err('unbalanced_section', place, `结束标记“{${t.raw}}”与${top.place}的开始标记“{#${top.name}}”不一致`));
          }
          continue;
        }
        let parsed;
        try {
          parsed = parseTag(t.name);
        } catch (e) {
          if (e instanceof TagSyntaxError) {
            issues.push(err('malformed_tag', place, e.message));
            continue;
          }
          throw e;
        }
        const scopes = [catalogue ?? [], ...stack.map((s) => s.scope)];
        if (catalogue && !knownPath(parsed.path, scopes)) {
          const name = parsed.path.join('.') || '.';
          issues.push(err('unknown_field', place, `“${DOC_LABEL(docType!)}”没有字段“${name}”`));
        }
        if (t.kind === 'open' || t.kind === 'inverted') {
          stack.push({ name: t.name, place, scope: catalogue ? childScope(parsed.path[parsed.path.length - 1] ?? '', scopes) : [] });
        }
      }
    }
    for (const s of stack) issues.push(err('unbalanced_section', s.place, `区块“{#${s.name}}”没有结束标记“{/${s.name}}”`));
  }

  if (!hasErrors(issues)) {
    try {
      new Docxtemplater(zip, DOCX_OPTIONS);
    } catch (e) {
      issues.push(...describeDocxError(e, zip));
    }
  }
  return { ok: !hasErrors(issues), issues, tags: [...tags], identity: docxIdentity(zip) };
}

const DOC_LABEL = (t: PaperDocType) => PAPER_DOC_TYPE_LABELS[t];

/** Parts and markup that exceljs drops or damages when it rewrites the workbook. */
const XLSX_LOST: { test: (names: string[], sheets: string) => boolean; severity: 'error' | 'warning'; what: string }[] = [
  { test: (n) => n.some((x) => x.startsWith('xl/charts/')), severity: 'error', what: '图表（chart）' },
  { test: (n) => n.some((x) => x.startsWith('xl/pivotTables/') || x.startsWith('xl/pivotCache/')), severity: 'error', what: '数据透视表' },
  { test: (n) => n.some((x) => x.startsWith('xl/slicers/') || x.startsWith('xl/slicerCaches/')), severity: 'error', what: '切片器' },
  { test: (n) => n.some((x) => x.startsWith('xl/timelines/')), severity: 'error', what: '日程表（timeline）' },
  { test: (_n, s) => /<x14:dataValidations\b/.test(s), severity: 'error', what: '扩展数据验证（extLst x14，如引用其他工作表的下拉列表）' },
  { test: (_n, s) => /<x14:sparklineGroups\b/.test(s), severity: 'warning', what: '迷你图' },
  { test: (_n, s) => /<x14:conditionalFormattings\b/.test(s), severity: 'warning', what: '扩展条件格式（数据条、图标集等的 x14 部分）' },
  { test: (n) => n.includes('xl/vbaProject.bin'), severity: 'warning', what: '宏（VBA）' },
  { test: (n) => n.some((x) => x.startsWith('xl/externalLinks/')), severity: 'warning', what: '外部链接' },
  { test: (n) => n.some((x) => x.startsWith('xl/threadedComments/')), severity: 'warning', what: '批注会话（新式批注）' },
  { test: (n) => n.some((x) => x.startsWith('xl/ctrlProps/')), severity: 'warning', what: '表单控件' },
];

async function lintXlsx(buf: Buffer | Uint8Array, docType?: PaperDocType): Promise<LintResult> {
  const issues: TemplateIssue[] = [];
  const tags = new Set<string>();
  let zip: PizZip;
  try {
    zip = new PizZip(buf);
  } catch {
    return { ok: false, issues: [err('not_a_template', '文件', '不是有效的 Excel（.xlsx）文件')], tags: [], identity: null };
  }
  const names = Object.keys(zip.files);
  if (!names.includes('xl/workbook.xml')) return { ok: false, issues: [err('not_a_template', '文件', '文件中没有 xl/workbook.xml，不是 Excel 工作簿')], tags: [], identity: null };
  const sheetsXml = names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).map((n) => zip.file(n)!.asText()).join('\n');
  for (const f of XLSX_LOST) {
    if (f.test(names, sheetsXml)) {
      const m = `模板含有${f.what}，导出时会丢失`;
      issues.push(f.severity === 'error' ? err('unsupported_feature', '工作簿', `${m}，请删除后再导入`) : warn('unsupported_feature', '工作簿', m));
    }
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    issues.push(err('not_a_template', '文件', 'Excel 文件无法读取'));
    return { ok: false, issues, tags: [], identity: null };
  }
  const catalogue = docType ? FIELD_CATALOGUE[docType] : null;
  for (const ws of wb.worksheets) {
    ws.eachRow((row) => {
      const lists = new Set<string>();
      row.eachCell((cell) => {
        let text = cellText(cell.value);
        if (!text || !/[{}｛｝]/.test(text)) return;
        const place = `${ws.name}!${cell.address}`;
        const chars = [...text];
        if (normalizeTagChars(chars)) {
          text = chars.join('');
          issues.push(warn('normalized', place, '已将全角大括号等改为半角'));
        }
        const lexed = lexTags(text);
        for (const i of lexed.issues) issues.push(err('malformed_tag', place, i.message));
        for (const t of lexed.tags) {
          tags.add(`{${t.raw.trim()}}`);
          if (t.kind !== 'value') {
            issues.push(err('malformed_tag', place, `Excel 模板不支持区块标记“{${t.raw}}”，请在模板行中使用{列表.字段}`));
            continue;
          }
          try {
            const { path } = parseTag(t.name);
            const head = catalogue?.find((f) => f.name === path[0]);
            if (head?.type === 'list') lists.add(head.name);
            if (catalogue && (!path.length || !knownPath(path, [catalogue]))) {
              issues.push(err('unknown_field', place, `“${DOC_LABEL(docType!)}”没有字段“${path.join('.') || '.'}”`));
            } else if (head?.type === 'list' && path.length < 2) {
              issues.push(err('malformed_tag', place, `列表“${head.name}”应写成{${head.name}.字段}`));
            }
          } catch (e) {
            if (e instanceof TagSyntaxError) issues.push(err('malformed_tag', place, e.message));
            else throw e;
          }
        }
      });
      if (lists.size > 1) issues.push(err('malformed_tag', `${ws.name}!第${row.number}行`, `同一行不能混用两个列表（${[...lists].join('、')}）`));
    });
  }
  const kw = wb.keywords ?? '';
  const id = /TemplateId=([^;]+)/.exec(kw);
  const ver = /TemplateVersion=(\d+)/.exec(kw);
  return { ok: !hasErrors(issues), issues, tags: [...tags], identity: id ? { templateId: id[1], version: ver ? +ver[1] : 1 } : null };
}

function docxIdentity(zip: PizZip): LintResult['identity'] {
  const xml = zip.file('docProps/custom.xml')?.asText() ?? '';
  const prop = (name: string) => new RegExp(`name="${name}"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(xml)?.[1];
  const id = prop('TemplateId');
  return id ? { templateId: id, version: Number(prop('TemplateVersion') ?? 1) } : null;
}

/** Lints a template. `docType` enables the unknown-field check against FIELD_CATALOGUE. */
export async function lintTemplate(buffer: Buffer | Uint8Array, kind: TemplateKind, docType?: PaperDocType): Promise<LintResult> {
  return kind === 'docx' ? lintDocx(buffer, docType) : lintXlsx(buffer, docType);
}
