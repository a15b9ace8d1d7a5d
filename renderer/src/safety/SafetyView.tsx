import { BackupPanel } from './BackupPanel';
import { ExchangePanel } from './ExchangePanel';

/** 备份与交换: backups and exchange packages on one page. */
export function SafetyView() {
  return (
    <div className="zd-safety">
      <BackupPanel />
      <ExchangePanel />
    </div>
  );
}
