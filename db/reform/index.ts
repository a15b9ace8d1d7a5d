// Reform plans in the database: plans (CRUD), check, apply, revert and lineage.
export { applyReform, backupBeforeApply, type ApplyOptions } from './apply';
export { checkPlanInDb, checkReform, settingsProfile } from './check';
export { agencyLineage, reformLineage } from './lineage';
export {
  createReform, defaultReformId, deleteMapping, deleteReform, getReform, listReforms, planOf, setItems, setMappings, updateReform, upsertMapping,
  type ItemInput, type MappingInput, type ReformInput,
} from './plans';
export { reformConflicts, revertReform } from './revert';
export { countyNames, loadSnapshot, regionPrefix } from './snapshot';
