// The import wizard: four steps (file and table → header and columns → preview → import), one component
// each, around a step bar, the running job's progress with its cancel button, and the last error.
import { useEffect } from 'react';
import { observer } from 'mobx-react-lite';
import { importStore as s, type Step } from './import-store';
import { tr, type ImportStringKey } from './strings';
import { FileStep } from './FileStep';
import { MappingStep } from './MappingStep';
import { PreviewStep } from './PreviewStep';
import { CommitStep } from './CommitStep';
import { JobProgress } from './JobProgress';
import './import.css';

const STEPS: Array<[Step, ImportStringKey]> = [[1, 'step1'], [2, 'step2'], [3, 'step3'], [4, 'step4']];

const StepBar = observer(function StepBar() {
  return (
    <ol className="zd-imp-steps">
      {STEPS.map(([n, label]) => {
        // A later step is reachable once a preview exists; nothing moves while a job runs.
        const reachable = !s.busy && (n === 1 || s.preview !== null) && (n < 3 || !s.stale) && (n < 4 || s.step >= 3);
        return (
          <li key={n} className={n === s.step ? 'current' : n < s.step ? 'done' : ''}>
            <button type="button" data-step={n} disabled={!reachable || n === s.step} onClick={() => s.setStep(n)}>
              <span className="zd-imp-num">{n}</span>{tr(label)}
            </button>
          </li>
        );
      })}
    </ol>
  );
});

export const ImportWizard = observer(function ImportWizard() {
  useEffect(() => s.start(), []);
  return (
    <div className="zd-import" data-testid="import-wizard" data-step={s.step}>
      <h2>{tr('title')}</h2>
      <StepBar />
      {s.error && <div className="zd-imp-error" role="alert" data-testid="import-error">{s.error}</div>}
      {s.notice && <div className="zd-imp-notice" data-testid="import-notice">{s.notice}</div>}
      {s.busy && <JobProgress />}
      <div className="zd-imp-body">
        {s.step === 1 && <FileStep />}
        {s.step === 2 && s.preview && <MappingStep />}
        {s.step === 3 && s.preview && <PreviewStep />}
        {s.step === 4 && s.preview && <CommitStep />}
      </div>
    </div>
  );
});
