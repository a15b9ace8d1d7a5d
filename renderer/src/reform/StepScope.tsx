// Step 1 — scope: name, basis documents, effective date, region; then the source agencies, picked with
// filters (zone-type group, county, zone level). The counts of the selection update as it changes.
import { observer } from 'mobx-react-lite';
import { enumLabel } from '../../../shared/enums';
import { store } from '../stores/root-store';
import { newKey } from './draft';
import { rs } from './strings';
import { EnumSelect, TextIn } from './ui';
import { wizard } from './wizard-store';

const RegionPicker = observer(function RegionPicker() {
  const lang = store.lang;
  const code = wizard.draft.scope.regionCode;
  const regions = store.regions;
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const cur = byCode.get(code);
  const prefecture = cur?.level === 'county' ? cur.parent_code ?? '' : cur?.level === 'prefecture' ? code : '';
  const province = cur?.level === 'province' ? code : prefecture ? byCode.get(prefecture)?.parent_code ?? '' : '';
  const county = cur?.level === 'county' ? code : '';
  const set = (v: string) => wizard.edit((d) => (d.scope.regionCode = v));
  const opts = (list: typeof regions) => list.map((r) => <option key={r.code} value={r.code}>{r.name}</option>);
  const ro = wizard.readOnly;
  return (
    <span className="zd-rf-region">
      <select value={province} disabled={ro} onChange={(e) => set(e.target.value)} data-testid="region-province" aria-label={rs(lang, 'province')}>
        <option value="" />{opts(regions.filter((r) => r.level === 'province'))}
      </select>
      <select value={prefecture} disabled={ro || !province} onChange={(e) => set(e.target.value || province)} data-testid="region-prefecture" aria-label={rs(lang, 'prefecture')}>
        <option value="" />{opts(regions.filter((r) => r.level === 'prefecture' && r.parent_code === province))}
      </select>
      <select value={county} disabled={ro || !prefecture} onChange={(e) => set(e.target.value || prefecture)} data-testid="region-county" aria-label={rs(lang, 'county')}>
        <option value="">{rs(lang, 'any')}</option>{opts(regions.filter((r) => r.level === 'county' && r.parent_code === prefecture))}
      </select>
    </span>
  );
});

const ScopeForm = observer(function ScopeForm() {
  const lang = store.lang;
  const s = wizard.draft.scope;
  const ro = wizard.readOnly;
  const edit = wizard.edit.bind(wizard);
  return (
    <div className="zd-rf-form">
      <label>{rs(lang, 'name')}<TextIn wide value={s.name} disabled={ro} testId="scope-name" onChange={(v) => edit((d) => (d.scope.name = v))} /></label>
      <div className="zd-rf-field">
        <span>{rs(lang, 'basisDocs')}</span>
        <div className="zd-rf-docs">
          {s.docs.map((doc, i) => (
            <div key={i} className="zd-rf-doc">
              <TextIn value={doc.doc_no} disabled={ro} placeholder={`${rs(lang, 'docNo')}：天编委发〔2022〕3号`} testId={`doc-no-${i}`}
                onChange={(v) => edit((d) => (d.scope.docs[i].doc_no = v))} />
              <TextIn wide value={doc.title} disabled={ro} placeholder={rs(lang, 'docTitle')} onChange={(v) => edit((d) => (d.scope.docs[i].title = v))} />
              {s.docs.length > 1 && !ro && <button onClick={() => edit((d) => d.scope.docs.splice(i, 1))}>×</button>}
            </div>
          ))}
          {!ro && <button onClick={() => edit((d) => d.scope.docs.push({ doc_no: '', title: '' }))}>{rs(lang, 'addDoc')}</button>}
        </div>
      </div>
      <label>{rs(lang, 'effectiveDate')}
        <input type="date" value={s.effectiveDate} disabled={ro} data-testid="scope-date" onChange={(e) => edit((d) => (d.scope.effectiveDate = e.target.value))} />
      </label>
      <label>{rs(lang, 'region')}<RegionPicker /></label>
      <label>{rs(lang, 'notes')}<TextIn wide area value={s.notes} disabled={ro} onChange={(v) => edit((d) => (d.scope.notes = v))} /></label>
    </div>
  );
});

function countBy(ids: number[], key: (id: number) => string): Array<[string, number]> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(key(id), (m.get(key(id)) ?? 0) + 1);
  return [...m.entries()];
}

const Sources = observer(function Sources() {
  const lang = store.lang;
  const reg = wizard.reg;
  if (!reg) return <p className="zd-rf-muted">{rs(lang, 'needDateRegion')}</p>;
  const f = wizard.filters;
  const selected = new Set(wizard.draft.mappings.map((m) => m.source_agency_id).filter((x): x is number => x != null));
  const shown = reg.mgmt.filter((a) => (!f.group || a.type_group === f.group) && (!f.county || a.host_region_code === f.county)
    && (!f.level || reg.zoneLevel.get(a.id) === f.level));
  const sel = reg.mgmt.filter((a) => selected.has(a.id)).map((a) => a.id);
  const groupOf = (id: number) => reg.agencyById.get(id)?.type_group ?? 'other';
  const toggle = (ids: number[], on: boolean) => wizard.edit((d) => {
    if (on) for (const id of ids) { if (!selected.has(id)) d.mappings.push({ k: newKey(), source_agency_id: id, action: 'keep' }); }
    else d.mappings = d.mappings.filter((m) => m.source_agency_id == null || !ids.includes(m.source_agency_id));
  });
  const ro = wizard.readOnly;
  const counties = Object.entries(reg.countyNames);
  return (
    <div className="zd-rf-sources">
      <h3>{rs(lang, 'sourcesTitle')} <small className="zd-rf-muted">{rs(lang, 'registerAsOf')} {reg.beforeDate}</small></h3>
      <div className="zd-rf-toolbar">
        <label>{rs(lang, 'filterGroup')}<EnumSelect name="type_group" value={f.group} testId="filter-group" onChange={(v) => wizard.setFilter('group', v ?? '')} /></label>
        <label>{rs(lang, 'filterCounty')}
          <select value={f.county} onChange={(e) => wizard.setFilter('county', e.target.value)} data-testid="filter-county">
            <option value="">{rs(lang, 'any')}</option>
            {counties.map(([c, n]) => <option key={c} value={c}>{n}</option>)}
          </select>
        </label>
        <label>{rs(lang, 'filterLevel')}<EnumSelect name="zone_level" value={f.level} testId="filter-level" onChange={(v) => wizard.setFilter('level', v ?? '')} /></label>
        {!ro && <button onClick={() => toggle(shown.map((a) => a.id), true)} data-action="select-shown">{rs(lang, 'selectShown')}</button>}
        {!ro && <button onClick={() => toggle(shown.map((a) => a.id), false)} data-action="clear-shown">{rs(lang, 'clearShown')}</button>}
      </div>
      <div className="zd-rf-counts" data-testid="selection-counts">
        <strong>{rs(lang, 'selectedCount')} <span data-testid="selected-count">{sel.length}</span> / {reg.mgmt.length} {rs(lang, 'agenciesUnit')}</strong>
        <span>{countBy(sel, groupOf).map(([g, n]) => `${enumLabel('type_group', g, lang)} ${n}`).join(' · ')}</span>
        <span>{countBy(sel, (id) => reg.agencyById.get(id)!.host_region_code).sort(([a], [b]) => a.localeCompare(b)).map(([c, n]) => `${reg.county(c)} ${n}`).join(' · ')}</span>
      </div>
      {sel.length < reg.mgmt.length && <p className="zd-rf-muted">{rs(lang, 'unselectedHint')}</p>}
      <div className="zd-rf-scroll">
        <table className="zd-rf-table" data-testid="source-table">
          <thead>
            <tr><th /><th>{rs(lang, 'colSource')}</th><th>{rs(lang, 'colCounty')}</th><th>{rs(lang, 'colGroup')}</th><th>{rs(lang, 'filterLevel')}</th></tr>
          </thead>
          <tbody>
            {shown.map((a) => (
              <tr key={a.id} className={selected.has(a.id) ? 'sel' : ''}>
                <td><input type="checkbox" checked={selected.has(a.id)} disabled={ro} aria-label={a.full_name} onChange={(e) => toggle([a.id], e.target.checked)} /></td>
                <td>{a.full_name}</td>
                <td>{reg.county(a.host_region_code)}</td>
                <td>{enumLabel('type_group', a.type_group, lang)}</td>
                <td>{enumLabel('zone_level', reg.zoneLevel.get(a.id), lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
});

export const StepScope = observer(function StepScope() {
  return (
    <div className="zd-rf-scope">
      <ScopeForm />
      <Sources />
    </div>
  );
});
