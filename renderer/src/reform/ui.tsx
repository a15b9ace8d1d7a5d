// Small pieces the wizard's steps share: a problem list, an enum select with labels in the current
// language, a text input that commits on every keystroke, and a number input that accepts full-width digits.
import { useEffect, useState } from 'react';
import { ENUMS, enumLabel, type EnumName } from '../../../shared/enums';
import { parseIntLoose } from '../../../shared/text';
import { store } from '../stores/root-store';

export function Problems({ title, items, testId }: { title: string; items: readonly string[]; testId?: string }) {
  if (!items.length) return null;
  return (
    <div className="zd-rf-problems" role="alert" data-testid={testId}>
      <strong>{title}</strong>
      <ul>{items.map((m, i) => <li key={i}>{m}</li>)}</ul>
    </div>
  );
}

export function EnumSelect({ name, value, onChange, disabled, empty = true, testId }: {
  name: EnumName; value: string | null | undefined; onChange: (v: string | null) => void; disabled?: boolean; empty?: boolean; testId?: string;
}) {
  return (
    <select value={value ?? ''} disabled={disabled} onChange={(e) => onChange(e.target.value || null)} data-testid={testId}>
      {empty && <option value="" />}
      {ENUMS[name].map((o) => <option key={o.key} value={o.key}>{enumLabel(name, o.key, store.lang)}</option>)}
    </select>
  );
}

export function TextIn({ value, onChange, disabled, placeholder, wide, testId, area }: {
  value: string | null | undefined; onChange: (v: string) => void; disabled?: boolean; placeholder?: string; wide?: boolean; testId?: string; area?: boolean;
}) {
  if (area) {
    return <textarea className={wide ? 'wide' : undefined} value={value ?? ''} disabled={disabled} placeholder={placeholder} data-testid={testId} rows={2}
      onChange={(e) => onChange(e.target.value)} />;
  }
  return <input className={wide ? 'wide' : undefined} value={value ?? ''} disabled={disabled} placeholder={placeholder} data-testid={testId}
    onChange={(e) => onChange(e.target.value)} />;
}

/** Keeps the text as typed ("-" on the way to "-18") and commits only whole numbers (or empty). */
export function NumIn({ value, onChange, disabled, testId }: { value: number | null | undefined; onChange: (v: number | null) => void; disabled?: boolean; testId?: string }) {
  const [text, setText] = useState(value == null ? '' : String(value));
  useEffect(() => {
    const typed = text.trim() === '' ? null : parseIntLoose(text);
    if (typed !== (value ?? null)) setText(value == null ? '' : String(value));
  }, [value]);
  return (
    <input className="num" value={text} disabled={disabled} data-testid={testId} inputMode="numeric"
      onChange={(e) => {
        setText(e.target.value);
        const n = e.target.value.trim() === '' ? null : parseIntLoose(e.target.value);
        if (n !== null || e.target.value.trim() === '') onChange(n);
      }} />
  );
}

export const sign = (n: number): string => (n > 0 ? `+${n}` : String(n));
