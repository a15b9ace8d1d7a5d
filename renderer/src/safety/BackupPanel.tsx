// Backups (数据备份): the list with kinds, dates and sizes; a backup now (optionally into a chosen folder,
// e.g. a USB stick); restore from the list after a confirmation. The main side checks the backup's
// integrity and keeps a copy of the current data before anything is replaced.
import { useEffect, useState } from 'react';
import { observer } from 'mobx-react-lite';
import type { BackupInfo } from '../../../shared/contract/backup';
import { call } from '../api';
import { store } from '../stores/root-store';

const KIND_ZH: Record<string, [string, string]> = {
  daily: ['每日自动', 'Daily'], manual: ['手动', 'Manual'], 'pre-apply': ['方案实施前', 'Before reform'],
  'pre-import': ['导入前', 'Before import'], 'pre-migrate': ['升级前', 'Before upgrade'], 'pre-restore': ['恢复前', 'Before restore'],
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export const BackupPanel = observer(function BackupPanel() {
  const zh = store.lang === 'zh';
  const [list, setList] = useState<BackupInfo[]>([]);
  const [folder, setFolder] = useState('');
  const reload = () => call('backup.list', {}).then(setList, (e) => store.showError(e));
  useEffect(() => void reload(), []);

  async function create() {
    try {
      const b = await call('backup.create', folder.trim() ? { folder: folder.trim() } : {});
      store.setStatus(`${zh ? '已备份到' : 'Backed up to'} ${b.file}`);
      await reload();
    } catch (e) {
      store.showError(e);
    }
  }

  async function restore(b: BackupInfo) {
    const when = new Date(b.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' });
    if (!window.confirm(zh ? `确定用 ${when} 的备份替换当前数据吗？当前数据会先另存一份备份。` : `Replace the current data with the backup of ${when}? The current data is backed up first.`)) return;
    try {
      const r = await call('backup.restore', { file: b.file });
      store.setStatus(`${zh ? '已恢复；恢复前的数据另存于' : 'Restored; the previous data is kept in'} ${r.preRestoreBackup}`);
      store.dataVersion++;
      await Promise.all([reload(), store.refreshLookups(), store.refreshHistory()]);
    } catch (e) {
      store.showError(e);
    }
  }

  return (
    <section className="zd-panel" data-panel="backups">
      <h2>{zh ? '数据备份' : 'Backups'}</h2>
      <div className="zd-row">
        <input placeholder={zh ? '备份到文件夹（留空为默认备份文件夹）' : 'Folder (empty = default backups folder)'} value={folder} onChange={(e) => setFolder(e.target.value)} />
        <button data-action="backup-now" onClick={() => void create()}>{zh ? '立即备份' : 'Back up now'}</button>
      </div>
      <table className="zd-table">
        <thead>
          <tr><th>{zh ? '时间' : 'Time'}</th><th>{zh ? '类型' : 'Kind'}</th><th>{zh ? '大小' : 'Size'}</th><th>{zh ? '数据结构版本' : 'Schema'}</th><th>{zh ? '文件' : 'File'}</th><th /></tr>
        </thead>
        <tbody>
          {list.map((b) => (
            <tr key={b.file} data-kind={b.kind}>
              <td>{new Date(b.createdAt).toLocaleString(zh ? 'zh-CN' : 'en-GB', { timeZone: 'Asia/Shanghai' })}</td>
              <td>{KIND_ZH[b.kind]?.[zh ? 0 : 1] ?? b.kind}</td>
              <td>{formatSize(b.size)}</td>
              <td>{b.schemaVersion ?? '—'}</td>
              <td className="zd-file">{b.problem ? <span className="zd-bad">{b.problem}</span> : b.file}</td>
              <td><button disabled={!!b.problem} onClick={() => void restore(b)}>{zh ? '恢复' : 'Restore'}</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
});
