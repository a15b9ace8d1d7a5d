// Strict checking of one cell value against its column definition. The main process runs this on every
// write; the renderer runs the loose converter (paste.ts) first and then this, so both agree on what is valid.
import { ENUMS, type EnumOption } from './enums';
import { ISO_DATE } from './text';
import type { ColumnDef } from './tables';

export type CellValue = string | number | null;
export type CheckResult = { ok: true; value: CellValue } | { ok: false; reason: string };

const fail = (reason: string): CheckResult => ({ ok: false, reason });

export function checkCellValue(col: ColumnDef, value: unknown): CheckResult {
  if (value === null || value === undefined || value === '') {
    return col.required ? fail(`“${col.zh}”不能为空`) : { ok: true, value: null };
  }
  switch (col.type) {
    case 'text': {
      if (typeof value !== 'string') return fail(`“${col.zh}”应为文本`);
      const v = value.trim();
      if (col.required && v === '') return fail(`“${col.zh}”不能为空`);
      if (col.maxLength && [...v].length > col.maxLength) return fail(`“${col.zh}”不能超过${col.maxLength}个字`);
      return { ok: true, value: v };
    }
    case 'int':
    case 'real': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail(`“${col.zh}”应为数字`);
      if (col.type === 'int' && !Number.isInteger(value)) return fail(`“${col.zh}”应为整数`);
      if (col.min !== undefined && value < col.min) return fail(`“${col.zh}”不能小于${col.min}`);
      if (col.max !== undefined && value > col.max) return fail(`“${col.zh}”不能大于${col.max}`);
      return { ok: true, value };
    }
    case 'bool':
      if (value === 0 || value === 1) return { ok: true, value };
      if (value === true || value === false) return { ok: true, value: value ? 1 : 0 };
      return fail(`“${col.zh}”应为“是”或“否”`);
    case 'date':
      if (typeof value !== 'string' || !ISO_DATE.test(value)) return fail(`“${col.zh}”应为日期（如2022-03-16）`);
      return { ok: true, value };
    case 'enum': {
      const options = ENUMS[col.enum!] as readonly EnumOption[];
      if (typeof value !== 'string' || !options.some((o) => o.key === value)) {
        return fail(`“${col.zh}”的取值无效：${String(value)}（可选：${options.map((o) => o.zh).join('、')}）`);
      }
      return { ok: true, value };
    }
    case 'ref':
      if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) return fail(`“${col.zh}”引用无效`);
      return { ok: true, value };
    case 'region':
      if (typeof value !== 'string' || !/^\d{6}$/.test(value)) return fail(`“${col.zh}”应为6位行政区划代码`);
      return { ok: true, value };
  }
}
