// Step 5 — functions and units: where each function of the affected agencies goes (social affairs to the
// county government: a destination per row), the dispatched units kept / created / revoked (the natural-
// resources unit carries Tianshui's practice as a warning), public institutions created with class and
// funding form, and for every merged or abolished agency its duties, people placement and assets / debts.
import { observer } from 'mobx-react-lite';
import { enumLabel } from '../../../shared/enums';
import { MAPPING_ACTION_ZH, REMOVING_ACTIONS } from '../../../shared/reform/types';
import { store } from '../stores/root-store';
import { STEP_FUNCS } from './draft';
import { addCreate, isEnded, setEnded, stepTargets } from './items-edit';
import { rs } from './strings';
import { EnumSelect, NumIn, TextIn } from './ui';
import { wizard } from './wizard-store';

const Functions = observer(function Functions({ agencies }: { agencies: number[] }) {
  const lang = store.lang;
  const reg = wizard.reg!;
  const d = wizard.draft;
  const ro = wizard.readOnly;
  const targetOf = (id: number) => {
    const m = d.mappings.find((x) => x.source_agency_id === id);
    return m && REMOVING_ACTIONS.has(m.action) ? m : null;
  };
  const created = d.items.filter((it) => it.kind === 'function' && it.op === 'create');
  return (
    <section className="zd-rf-target" data-testid="functions">
      <h4>{rs(lang, 'funcTitle')}</h4>
      <table className="zd-rf-table">
        <thead><tr><th>{rs(lang, 'colFunc')}</th><th>{rs(lang, 'colSource')}</th><th>{rs(lang, 'colSocial')}</th><th>{rs(lang, 'colDest')}</th></tr></thead>
        <tbody>
          {agencies.flatMap((id) => (reg.functions.get(id) ?? []).map((f) => {
            const end = isEnded(d, 'function', f.id);
            const m = targetOf(id);
            const dflt = m ? (m.action === 'merge_into' ? `${rs(lang, 'followsMerge')}：${reg.name(m.target_agency_id) || m.target_ref || ''}` : m.duties_destination ?? '') : rs(lang, 'stays');
            const social = !!f.is_social_affairs;
            return (
              <tr key={f.id} className={social ? 'social' : ''} data-function={f.name}>
                <td>{f.name}</td>
                <td>{reg.name(id)}</td>
                <td>{social ? '是' : ''}</td>
                <td>
                  <TextIn wide value={(end?.payload.destination as string | undefined) ?? ''} disabled={ro} placeholder={social ? `${reg.county(reg.agencyById.get(id)?.host_region_code)}人民政府及相关部门` : dflt}
                    onChange={(v) => wizard.edit((dr) => {
                      const cur = isEnded(dr, 'function', f.id);
                      if (!v.trim()) return setEnded(dr, 'function', f.id, false);
                      if (cur) cur.payload = { ...cur.payload, destination: v };
                      else setEnded(dr, 'function', f.id, true, { destination: v });
                    })} />
                </td>
              </tr>
            );
          }))}
          {created.map((it) => (
            <tr key={it.k} className="created">
              <td><TextIn value={it.payload.name as string} disabled={ro} onChange={(v) => wizard.edit(() => (it.payload = { ...it.payload, name: v }))} /></td>
              <td>{reg.name(it.agency_id)}（{rs(lang, 'created')}）</td><td />
              <td>{it.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});

const Dispatched = observer(function Dispatched({ hosts }: { hosts: number[] }) {
  const lang = store.lang;
  const reg = wizard.reg!;
  const d = wizard.draft;
  const ro = wizard.readOnly;
  const units = reg.snapshot.dispatched;
  const created = d.items.filter((it) => it.kind === 'dispatched_unit' && it.op === 'create');
  return (
    <section className="zd-rf-target" data-testid="dispatched">
      <h4>{rs(lang, 'dispTitle')}</h4>
      <table className="zd-rf-table">
        <thead><tr><th>{rs(lang, 'colUnit')}</th><th>{rs(lang, 'colDomain')}</th><th>{rs(lang, 'colHost')}</th><th>{rs(lang, 'colUnitStatus')}</th><th>{rs(lang, 'colHint')}</th></tr></thead>
        <tbody>
          {units.map((u) => {
            const ended = !!isEnded(d, 'dispatched_unit', u.id);
            const nr = u.domain === 'natural_resources';
            return (
              <tr key={u.id} className={ended ? 'ended' : ''} data-unit={u.name}>
                <td>{u.name}</td>
                <td>{enumLabel('dispatched_domain', u.domain, lang)}</td>
                <td>{reg.name(u.host_agency_id)}</td>
                <td>
                  <select value={ended ? 'revoked' : 'kept'} disabled={ro} onChange={(e) => wizard.edit((dr) => setEnded(dr, 'dispatched_unit', u.id, e.target.value === 'revoked'))}>
                    <option value="kept">{enumLabel('dispatched_status', 'kept', lang)}</option>
                    <option value="revoked">{enumLabel('dispatched_status', 'revoked', lang)}</option>
                  </select>
                </td>
                <td>{nr && <span className="zd-rf-warn" data-testid="nr-warning">⚠ {rs(lang, 'nrWarning')}</span>}</td>
              </tr>
            );
          })}
          {created.map((it) => (
            <tr key={it.k} className="created">
              <td><TextIn value={it.payload.name as string} disabled={ro} onChange={(v) => wizard.edit(() => (it.payload = { ...it.payload, name: v }))} /></td>
              <td><EnumSelect name="dispatched_domain" empty={false} value={it.payload.domain as string} disabled={ro} onChange={(v) => wizard.edit(() => (it.payload = { ...it.payload, domain: v }))} /></td>
              <td>
                <select value={it.agency_id ?? ''} disabled={ro} onChange={(e) => wizard.edit(() => (it.agency_id = Number(e.target.value)))}>
                  {hosts.map((h) => <option key={h} value={h}>{reg.name(h)}</option>)}
                </select>
              </td>
              <td>{enumLabel('dispatched_status', 'created', lang)}</td>
              <td>{!ro && <button onClick={() => wizard.edit((dr) => { dr.items = dr.items.filter((x) => x !== it); })}>{rs(lang, 'remove')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!ro && hosts.length > 0 && (
        <button onClick={() => wizard.edit((dr) => addCreate(dr, 'dispatched_unit', { agency_id: hosts[0] }, { name: '', domain: 'tax', unit_status: 'created' }))}>{rs(lang, 'addUnit')}</button>
      )}
    </section>
  );
});

const Institutions = observer(function Institutions() {
  const lang = store.lang;
  const reg = wizard.reg!;
  const d = wizard.draft;
  const ro = wizard.readOnly;
  const pis = d.items.filter((it) => it.kind === 'public_institution' && it.op === 'create');
  const set = (it: (typeof pis)[number], k: string, v: unknown) => wizard.edit(() => (it.payload = { ...it.payload, [k]: v }));
  const fiscal = (it: (typeof pis)[number]) => {
    const s = (it.payload.staffing as Record<string, { approved?: number } | number> | undefined)?.su_fiscal;
    return typeof s === 'number' ? s : s?.approved ?? null;
  };
  return (
    <section className="zd-rf-target" data-testid="institutions">
      <h4>{rs(lang, 'piTitle')}</h4>
      <table className="zd-rf-table">
        <thead><tr><th>{rs(lang, 'colPiName')}</th><th>{rs(lang, 'colSponsor')}</th><th>{rs(lang, 'colSuClass')}</th><th>{rs(lang, 'colFunding')}</th><th>{rs(lang, 'colStaff')}</th><th /></tr></thead>
        <tbody>
          {pis.map((it) => (
            <tr key={it.k} data-pi={String(it.payload.full_name ?? '')}>
              <td><TextIn wide value={it.payload.full_name as string} disabled={ro} onChange={(v) => set(it, 'full_name', v)} /></td>
              <td>
                <select value={String(it.payload.superior_id ?? '')} disabled={ro} onChange={(e) => set(it, 'superior_id', e.target.value ? Number(e.target.value) : null)}>
                  <option value="" />
                  {reg.mgmt.map((a) => <option key={a.id} value={a.id}>{a.full_name}</option>)}
                </select>
              </td>
              <td><EnumSelect name="su_class" value={it.payload.su_class as string} disabled={ro} onChange={(v) => set(it, 'su_class', v)} /></td>
              <td><EnumSelect name="funding_form" value={it.payload.funding_form as string} disabled={ro} onChange={(v) => set(it, 'funding_form', v)} /></td>
              <td><NumIn value={fiscal(it)} disabled={ro} onChange={(v) => set(it, 'staffing', v ? { ...(it.payload.staffing as object ?? {}), su_fiscal: { approved: v, actual: v } } : {})} /></td>
              <td>{!ro && <button onClick={() => wizard.edit((dr) => { dr.items = dr.items.filter((x) => x !== it); })}>{rs(lang, 'remove')}</button>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {!ro && <button onClick={() => wizard.edit((dr) => addCreate(dr, 'public_institution', null, { full_name: '', su_class: 'public_welfare_1', funding_form: 'full_funded' }))}>{rs(lang, 'addPi')}</button>}
    </section>
  );
});

const Notes = observer(function Notes() {
  const lang = store.lang;
  const reg = wizard.reg!;
  const ro = wizard.readOnly;
  const rows = wizard.draft.mappings.filter((m) => REMOVING_ACTIONS.has(m.action));
  const r8 = (id: number | null | undefined) => (wizard.live?.check.results ?? []).filter((r) => r.rule === 'R8' && r.items.some((i) => i.id === id));
  const missing = new Set(wizard.liveProblems(STEP_FUNCS).map((p) => p.message));
  return (
    <section className="zd-rf-target" data-testid="notes">
      <h4>{rs(lang, 'notesTitle')}</h4>
      <table className="zd-rf-table zd-rf-notes">
        <thead><tr><th>{rs(lang, 'colSource')}</th><th>{rs(lang, 'colAction')}</th><th>{rs(lang, 'colDuties')}</th><th>{rs(lang, 'colPeople')}</th><th>{rs(lang, 'colAssets')}</th></tr></thead>
        <tbody>
          {rows.map((m) => {
            const name = reg.name(m.source_agency_id);
            const bad = [...missing].some((msg) => msg.includes(name)) || r8(m.source_agency_id).length > 0;
            const edit = (k: 'duties_destination' | 'people_note' | 'assets_note') => (v: string) => wizard.edit(() => (m[k] = v));
            return (
              <tr key={m.k} className={bad ? 'error' : ''} data-source={name}>
                <td>{name}{r8(m.source_agency_id).map((f) => <div key={f.key} className="zd-rf-finding error">{f.message}</div>)}</td>
                <td>{lang === 'zh' ? MAPPING_ACTION_ZH[m.action] : m.action}</td>
                <td><TextIn area wide value={m.duties_destination} disabled={ro} onChange={edit('duties_destination')} testId="duties-destination" /></td>
                <td><TextIn area wide value={m.people_note} disabled={ro} onChange={edit('people_note')} /></td>
                <td><TextIn area wide value={m.assets_note} disabled={ro} onChange={edit('assets_note')} /></td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
});

export const StepFunctions = observer(function StepFunctions() {
  const lang = store.lang;
  const reg = wizard.reg;
  if (!reg || !wizard.live) return <p className="zd-rf-muted">{rs(lang, 'checking')}</p>;
  const targets = stepTargets(wizard.live.after, wizard.draft, reg, ['function', 'dispatched_unit'], []).filter((a) => a.key > 0);
  const removed = wizard.draft.mappings.filter((m) => REMOVING_ACTIONS.has(m.action) && m.source_agency_id != null).map((m) => m.source_agency_id!);
  const agencies = [...new Set([...targets.map((a) => a.key), ...removed])];
  return (
    <div className="zd-rf-funcs">
      <Notes />
      <Functions agencies={agencies} />
      <Dispatched hosts={targets.map((a) => a.key)} />
      <Institutions />
    </div>
  );
});
