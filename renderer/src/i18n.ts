// UI strings: Simplified Chinese by default, English as a switch. Every label of the shell is here;
// table and column labels come from shared/tables.ts, enum labels from shared/enums.ts.
export type Lang = 'zh' | 'en';

const STRINGS = {
  appTitle: ['开发区机构编制工作台', 'ZoneDesk'],
  navZones: ['开发区', 'Zones'],
  navAgencies: ['管理机构', 'Agencies'],
  navDepartments: ['内设机构', 'Departments'],
  navStaffing: ['编制', 'Staffing'],
  navPosts: ['领导职数', 'Leadership posts'],
  navNameplates: ['机构牌子', 'Nameplates'],
  navFunctions: ['职能', 'Functions'],
  navDispatched: ['派驻机构', 'Dispatched units'],
  navIndicators: ['经济指标', 'Indicators'],
  navReforms: ['改革方案', 'Reforms'],
  navExport: ['导出', 'Export'],
  navHistory: ['历史记录', 'History'],
  navSettings: ['设置', 'Settings'],
  navImport: ['导入', 'Import'],
  navSafety: ['备份与交换', 'Backups'],
  asOfHint: ['显示该日期有效的数据；留空为今天', 'Show what was in force on this date; empty = today'],
  undo: ['撤销', 'Undo'],
  redo: ['重做', 'Redo'],
  asOf: ['查看日期', 'As of'],
  rows: ['行', 'rows'],
  illustrative: ['示例', 'Illustrative'],
  illustrativeNote: ['标有“示例”的数据为演示用虚构数据，不代表真实情况。', 'Rows marked "Illustrative" are invented demo data.'],
  saved: ['已保存', 'Saved'],
  nothingToUndo: ['没有可撤销的操作', 'Nothing to undo'],
  nothingToRedo: ['没有可重做的操作', 'Nothing to redo'],
  loading: ['正在加载…', 'Loading…'],
  historyTime: ['时间', 'Time'],
  historyLabel: ['操作', 'Action'],
  historyUser: ['操作人', 'User'],
  historyKind: ['类型', 'Kind'],
  historyCount: ['变更行数', 'Rows changed'],
  historyState: ['状态', 'State'],
  comingSoon: ['该功能正在建设中。', 'This part is being built.'],
  language: ['English', '中文'],
  errorTitle: ['操作未完成', 'Not done'],
  close: ['关闭', 'Close'],
} as const;

export type StringKey = keyof typeof STRINGS;

export function t(lang: Lang, key: StringKey): string {
  return STRINGS[key][lang === 'zh' ? 0 : 1];
}

export const HISTORY_KIND: Record<string, [string, string]> = {
  edit: ['编辑', 'Edit'], undo: ['撤销', 'Undo'], redo: ['重做', 'Redo'], baseline: ['初始数据', 'Baseline'],
};
export const HISTORY_STATE: Record<string, [string, string]> = {
  applied: ['有效', 'Applied'], undone: ['已撤销', 'Undone'], discarded: ['已作废', 'Discarded'],
};
