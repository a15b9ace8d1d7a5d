// Template problems, reported in Chinese with their place (“正文第12段”, “机构整合对照表!H4”).

export type IssueCode =
  | 'malformed_tag' // braces, empty tag, operators, unknown filter
  | 'unknown_field' // a field the paper type does not offer
  | 'unbalanced_section' // {#x} without {/x} or the reverse
  | 'normalized' // full-width braces etc. were fixed
  | 'unsupported_feature' // Excel parts exceljs would lose
  | 'not_a_template' // not a docx/xlsx, unreadable zip
  | 'render_failed';

export interface TemplateIssue {
  severity: 'error' | 'warning';
  code: IssueCode;
  /** where: 正文第3段 / 页脚1第1段 / 机构整合对照表!H4 / 文件 */
  place: string;
  message: string;
}

export class TemplateError extends Error {
  readonly issues: TemplateIssue[];
  constructor(issues: TemplateIssue[], message?: string) {
    const errors = issues.filter((i) => i.severity === 'error');
    super(message ?? `模板有${errors.length}处错误：${errors.map((i) => `${i.place}：${i.message}`).join('；')}`);
    this.name = 'TemplateError';
    this.issues = issues;
  }
}

export const hasErrors = (issues: TemplateIssue[]) => issues.some((i) => i.severity === 'error');
