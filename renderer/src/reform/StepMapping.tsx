// Step 2 — targets and mapping: the mapping table (grid, paste) and, beside it, the same mapping as cards:
// every agency that continues is a target; drag a source (a card, a chip or the table's source cell) onto
// it to merge, onto "保留" to keep it, onto "撤销" to abolish it. Many-to-one shows as chips on one card.
import { useState, type DragEvent } from 'react';
import { observer } from 'mobx-react-lite';
import { store } from '../stores/root-store';
import { newKey, type MappingDraft } from './draft';
import { MappingGrid, DRAG_TYPE } from './MappingGrid';
import { mergeInto, nextRef, survives, targetValue } from './mapping-edit';
import { rs } from './strings';
import { wizard } from './wizard-store';

function dropProps(target: string | null, onHover: (t: string | null | undefined) => void) {
  return {
    onDragOver: (e: DragEvent) => { if (e.dataTransfer.types.includes(DRAG_TYPE)) { e.preventDefault(); onHover(target); } },
    onDragLeave: () => onHover(undefined),
    onDrop: (e: DragEvent) => {
      e.preventDefault();
      onHover(undefined);
      const k = e.dataTransfer.getData(DRAG_TYPE);
      wizard.edit((d) => {
        const m = d.mappings.find((x) => x.k === k);
        // Dropping an agency on itself means nothing; the engine would call it a merge into itself.
        if (m && !(target && target === `id:${m.source_agency_id}`)) mergeInto(m, target);
      });
    },
  };
}

const drag = (m: MappingDraft) => ({
  draggable: !wizard.readOnly && m.action !== 'create',
  onDragStart: (e: DragEvent) => e.dataTransfer.setData(DRAG_TYPE, m.k),
});

const DragBoard = observer(function DragBoard() {
  const lang = store.lang;
  const reg = wizard.reg!;
  const d = wizard.draft;
  const [hover, setHover] = useState<string | null | undefined>(undefined);
  const name = (m: MappingDraft) => (m.action === 'create' ? m.new_name || m.ref_key || '' : reg.name(m.source_agency_id));
  const cards = d.mappings.filter((m) => survives(m) && (m.source_agency_id != null || m.action === 'create'));
  const valueOf = (m: MappingDraft) => (m.action === 'create' ? `ref:${m.ref_key}` : `id:${m.source_agency_id}`);
  const incoming = (v: string) => d.mappings.filter((m) => m.action === 'merge_into' && targetValue(m) === v);
  const abolished = d.mappings.filter((m) => m.action === 'abolish');
  return (
    <aside className="zd-rf-board" data-testid="drag-board">
      <h4>{rs(lang, 'boardTitle')}</h4>
      <p className="zd-rf-muted">{rs(lang, 'boardHint')}</p>
      <div className="zd-rf-cards">
        {cards.map((m) => {
          const v = valueOf(m);
          const ins = incoming(v);
          return (
            <div key={m.k} className={`zd-rf-card${hover === v ? ' hover' : ''}${ins.length ? ' many' : ''}`} data-target={name(m)} {...dropProps(v, setHover)}>
              <div className="zd-rf-card-name" {...drag(m)}>{m.action !== 'keep' && m.new_name && m.action !== 'add_nameplate' ? m.new_name : name(m)}</div>
              {ins.length > 0 && (
                <div className="zd-rf-chips">
                  <span className="zd-rf-muted">{rs(lang, 'mergedIn')} {ins.length}：</span>
                  {ins.map((s) => <span key={s.k} className="zd-rf-chip" {...drag(s)}>{name(s)}</span>)}
                </div>
              )}
            </div>
          );
        })}
      </div>
      <div className={`zd-rf-drop${hover === null ? ' hover' : ''}`} data-drop="keep" {...dropProps(null, setHover)}>{rs(lang, 'dropKeep')}</div>
      <div className={`zd-rf-drop abolish${hover === 'abolish' ? ' hover' : ''}`} data-drop="abolish" {...dropProps('abolish', setHover)}>
        {rs(lang, 'dropAbolish')}
        <div className="zd-rf-chips">{abolished.map((s) => <span key={s.k} className="zd-rf-chip" {...drag(s)}>{name(s)}</span>)}</div>
      </div>
    </aside>
  );
});

export const StepMapping = observer(function StepMapping() {
  const lang = store.lang;
  const [selected, setSelected] = useState<string | null>(null);
  if (!wizard.reg) return <p className="zd-rf-muted">{rs(lang, 'needDateRegion')}</p>;
  const s = wizard.live?.check.summary;
  const ro = wizard.readOnly;
  return (
    <div className="zd-rf-mapping">
      <div className="zd-rf-toolbar">
        {!ro && <button data-action="add-row" onClick={() => wizard.edit((d) => d.mappings.push({ k: newKey(), source_agency_id: null, action: 'keep' }))}>{rs(lang, 'addRow')}</button>}
        {!ro && (
          <button data-action="add-create" onClick={() => wizard.edit((d) => d.mappings.push({
            k: newKey(), source_agency_id: null, action: 'create', ref_key: nextRef(d), new_name: '', new_region_code: null,
          }))}>{rs(lang, 'addCreate')}</button>
        )}
        {!ro && <button data-action="delete-row" disabled={!selected} onClick={() => wizard.edit((d) => { d.mappings = d.mappings.filter((m) => m.k !== selected); })}>{rs(lang, 'deleteRow')}</button>}
        <span className="zd-rf-muted">{rs(lang, 'pasteHint')}</span>
        {s && (
          <strong className="zd-rf-total" data-testid="mapping-totals">
            {rs(lang, 'totalsLine')} {s.before.total} → {s.after.total}
          </strong>
        )}
      </div>
      <div className="zd-rf-split">
        <MappingGrid onSelect={setSelected} />
        <DragBoard />
      </div>
    </div>
  );
});
