// Fills a Word template with docxtemplater (MIT core) + pizzip. Safe parser: dotted field paths and named
// filters only — no expression evaluation. Full-width ｛｝ typed with a Chinese IME are normalised first.
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { normalizeDocxTags, paragraphsOf, partLabel, templatedParts } from './docx-text';
import { TemplateError, type TemplateIssue } from './issues';
import { applyFilters, lexTags, lookup, parseTag } from './tags';

/** docxtemplater parser: `{字段}`, `{对象.字段}`, `{.}`, `{字段 | 公文日期}`. Throws on anything else. */
export function safeParser(tag: string) {
  const parsed = parseTag(tag);
  return {
    get(scope: unknown) {
      if (parsed.path.length === 0) return applyFilters(scope, parsed.filters);
      const v = lookup(scope, parsed.path);
      return v === undefined ? undefined : applyFilters(v, parsed.filters);
    },
  };
}

export const DOCX_OPTIONS = {
  paragraphLoop: true,
  linebreaks: true,
  parser: safeParser,
  nullGetter: () => '',
  errorLogging: false,
  stripInvalidXMLChars: true,
  // no {=<% %>=} delimiter switching
  syntax: { changeDelimiterPrefix: null },
} as const;

/**
 * docxtemplater inserts `{@字段}` as raw XML (its built-in rawxml module): user data must never become markup, so
 * templates with raw tags are refused. Returns the issues found (place = paragraph).
 */
export function rawTagIssues(zip: PizZip): TemplateIssue[] {
  const out: TemplateIssue[] = [];
  for (const part of templatedParts(zip)) {
    for (const p of paragraphsOf(zip.file(part)!.asText())) {
      if (!p.text.includes('{')) continue;
      for (const t of lexTags(p.text).tags) {
        if (t.raw.trimStart().startsWith('@')) {
          out.push({ severity: 'error', code: 'malformed_tag', place: `${partLabel(part)}第${p.index}段`, message: `不支持原始XML占位符“{${t.raw}}”，请改为{${t.raw.trim().slice(1)}}` });
        }
      }
    }
  }
  return out;
}

interface DxtErrorProps {
  id?: string;
  explanation?: string;
  xtag?: string;
  context?: string;
  file?: string;
  rootError?: { message?: string };
  errors?: { properties?: DxtErrorProps; message?: string }[];
}

/** Maps docxtemplater's errors to Chinese issues with a paragraph number. */
export function describeDocxError(err: unknown, zip: PizZip): TemplateIssue[] {
  const props = (err as { properties?: DxtErrorProps }).properties;
  const list = props?.errors?.length ? props.errors : [{ properties: props, message: (err as Error).message }];
  return list.map((e) => {
    const p = e.properties ?? {};
    const file = p.file ?? 'word/document.xml';
    const needle = p.xtag ?? '';
    let place = partLabel(file);
    const xml = zip.file(file)?.asText();
    if (xml && needle) {
      const hit = paragraphsOf(xml).find((para) => para.text.includes(needle));
      if (hit) place = `${partLabel(file)}第${hit.index}段`;
    }
    return { severity: 'error' as const, code: 'render_failed' as const, place, message: explain(p, e.message) };
  });
}

function explain(p: DxtErrorProps, fallback?: string): string {
  const tag = p.xtag ? `“{${p.xtag}}”` : '';
  switch (p.id) {
    case 'scopeparser_compilation_failed':
      return p.rootError?.message ?? `占位符${tag}无法识别`;
    case 'unopened_tag':
      return `多余的“}”：${p.context ?? ''}`;
    case 'unclosed_tag':
      return `“{”没有对应的“}”：${p.context ?? p.xtag ?? ''}`;
    case 'duplicate_open_tag':
    case 'duplicate_close_tag':
      return `重复的大括号：${p.xtag ?? p.context ?? ''}`;
    case 'unclosed_loop':
      return `区块${tag}没有结束标记{/${p.xtag ?? ''}}`;
    case 'unopened_loop':
      return `结束标记${tag}没有对应的开始标记`;
    case 'closing_tag_does_not_match_opening_tag':
      return `结束标记与开始标记不一致：${p.xtag ?? ''}`;
    case 'unbalanced_loop_tags':
      return '区块的开始与结束标记不在同一层（例如一个在表格内、一个在表格外）';
    case 'raw_tag_outerxml_invalid':
    case 'raw_xml_tag_should_be_only_text_in_paragraph':
      return `不支持原始XML占位符${tag}`;
    default:
      return p.explanation ?? fallback ?? '模板无法填充';
  }
}

export interface FillDocxOptions {
  /** Stamp the output's custom properties with the template identity (export trace). */
  trace?: { templateId: string; version: number; sha256: string };
}

/** Fills a .docx template. Throws TemplateError (Chinese, with paragraph numbers) when the template is broken. */
export function fillDocx(template: Buffer | Uint8Array, data: Record<string, unknown>, opts: FillDocxOptions = {}): Buffer {
  let zip: PizZip;
  try {
    zip = new PizZip(template);
  } catch {
    throw new TemplateError([{ severity: 'error', code: 'not_a_template', place: '文件', message: '不是有效的 Word（.docx）文件' }]);
  }
  if (!zip.file('word/document.xml')) {
    throw new TemplateError([{ severity: 'error', code: 'not_a_template', place: '文件', message: '文件中没有 word/document.xml，不是 Word 文档' }]);
  }
  normalizeDocxTags(zip);
  const raw = rawTagIssues(zip);
  if (raw.length) throw new TemplateError(raw);
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, DOCX_OPTIONS);
    doc.render(data);
  } catch (err) {
    throw new TemplateError(describeDocxError(err, zip));
  }
  const out = doc.getZip();
  if (opts.trace) stampCustomProps(out, { ExportTemplateId: opts.trace.templateId, ExportTemplateVersion: String(opts.trace.version), ExportTemplateSha256: opts.trace.sha256 });
  return out.generate({ type: 'nodebuffer', compression: 'DEFLATE' }) as Buffer;
}

const CUSTOM_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Adds or replaces string custom properties (docProps/custom.xml), creating the part when missing. */
export function stampCustomProps(zip: PizZip, props: Record<string, string>): void {
  const path = 'docProps/custom.xml';
  let xml = zip.file(path)?.asText();
  if (!xml) {
    xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Properties xmlns="${CUSTOM_NS}" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"></Properties>`;
    const ct = zip.file('[Content_Types].xml')!.asText();
    zip.file(
      '[Content_Types].xml',
      ct.replace('</Types>', '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>'),
    );
    const rels = zip.file('_rels/.rels')!.asText();
    zip.file(
      '_rels/.rels',
      rels.replace(
        '</Relationships>',
        '<Relationship Id="rIdZoneDeskCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
      ),
    );
  }
  const pids = [...xml.matchAll(/pid="(\d+)"/g)].map((m) => +m[1]);
  let pid = Math.max(1, ...pids);
  for (const [name, value] of Object.entries(props)) {
    xml = xml.replace(new RegExp(`<property [^>]*name="${name}"[^>]*>.*?</property>`, 's'), '');
    xml = xml.replace(
      '</Properties>',
      `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${++pid}" name="${name}"><vt:lpwstr>${esc(value)}</vt:lpwstr></property></Properties>`,
    );
  }
  zip.file(path, xml);
}
