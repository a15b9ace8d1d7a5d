// A value filter like Excel's (AG Grid's Set Filter is Enterprise): every distinct shown value of the
// column with a checkbox, a search box over them, "select all", applied with OK. The model is the list of
// chosen display values (null = no filter); blanks are offered as their own entry.
import { useCallback, useMemo, useState } from 'react';
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';
import type { IDoesFilterPassParams } from 'ag-grid-community';
import { compareZh } from '../../../shared/text';
import type { Row } from '../../../shared/tables';
import { store } from '../stores/root-store';

export interface SetFilterModel {
  readonly values: string[];
}

const LIST_LIMIT = 500;

const T = {
  search: ['搜索', 'Search'], all: ['（全选）', '(Select all)'], blank: ['（空白）', '(Blanks)'], ok: ['确定', 'OK'],
  clear: ['清除筛选', 'Clear'], more: ['还有{n}项未列出，请输入文字缩小范围', '{n} more not listed: type to narrow'],
} as const;
const tr = (k: keyof typeof T, n = 0) => T[k][store.lang === 'zh' ? 0 : 1].replace('{n}', String(n));

export function SetFilter({ model, onModelChange, getValue, api }: CustomFilterProps<Row, unknown, SetFilterModel>) {
  const chosen = useMemo(() => (model ? new Set(model.values) : null), [model]);
  const doesFilterPass = useCallback(
    ({ node }: IDoesFilterPassParams<Row>) => !chosen || chosen.has(String(getValue(node) ?? '')),
    [chosen, getValue],
  );
  useGridFilter({ doesFilterPass });

  // Distinct values of all rows (not just the filtered ones), read when the popup opens.
  const [all] = useState(() => {
    const seen = new Set<string>();
    api.forEachNode((node) => {
      if (!node.rowPinned) seen.add(String(getValue(node) ?? ''));
    });
    return [...seen].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : compareZh(a, b)));
  });
  const [query, setQuery] = useState('');
  const [draft, setDraft] = useState<Set<string>>(() => new Set(model ? model.values : all));
  const shown = useMemo(() => (query ? all.filter((v) => v.toLowerCase().includes(query.toLowerCase())) : all), [all, query]);
  const allShownChecked = shown.every((v) => draft.has(v));

  const toggle = (v: string) => setDraft((d) => {
    const n = new Set(d);
    if (n.has(v)) n.delete(v);
    else n.add(v);
    return n;
  });
  const toggleAll = () => setDraft((d) => {
    const n = new Set(d);
    for (const v of shown) {
      if (allShownChecked) n.delete(v);
      else n.add(v);
    }
    return n;
  });
  const apply = () => {
    // As in Excel: with a search typed, only the checked values among the results are kept.
    const values = (query ? shown : all).filter((v) => draft.has(v));
    onModelChange(values.length === all.length ? null : { values });
    api.hidePopupMenu?.();
  };

  return (
    <div className="zd-setfilter" data-testid="set-filter">
      <input className="zd-setfilter-search" placeholder={tr('search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      <div className="zd-setfilter-list">
        <label className="zd-setfilter-item">
          <input type="checkbox" checked={allShownChecked} onChange={toggleAll} />
          <span>{tr('all')}</span>
        </label>
        {shown.slice(0, LIST_LIMIT).map((v) => (
          <label key={v} className="zd-setfilter-item">
            <input type="checkbox" checked={draft.has(v)} onChange={() => toggle(v)} data-value={v} />
            <span>{v === '' ? tr('blank') : v}</span>
          </label>
        ))}
        {shown.length > LIST_LIMIT && <div className="zd-setfilter-more">{tr('more', shown.length - LIST_LIMIT)}</div>}
      </div>
      <div className="zd-setfilter-buttons">
        <button onClick={() => { setDraft(new Set(all)); onModelChange(null); }}>{tr('clear')}</button>
        <button className="zd-primary" data-action="filter-apply" onClick={apply}>{tr('ok')}</button>
      </div>
    </div>
  );
}
