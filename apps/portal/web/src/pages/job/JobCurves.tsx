/** Loss and validation-metric curves per epoch, redrawn as epochs arrive. Chart.js loads with this chunk only. */
import { lazy, Suspense, useMemo } from 'react';
import type { JobHistoryDetail } from '@sdk/types';
import { Empty, Loading } from '../../components/Status';
import { epochCurves } from './job-view';

const LineChart = lazy(() => import('../../charts/LineChart'));

export function JobCurves({
  epochs,
  running,
  epochsPlanned,
}: {
  epochs: JobHistoryDetail['epochs'];
  running: boolean;
  epochsPlanned?: number;
}) {
  const { loss, metrics } = useMemo(() => epochCurves(epochs), [epochs]);
  if (loss.length === 0 && metrics.length === 0) {
    return <Empty>{running ? 'The curves appear with the first epoch…' : 'No per-epoch metrics were recorded for this job.'}</Empty>;
  }
  const xLabel = epochsPlanned ? `epoch (of ${epochsPlanned})` : 'epoch';
  return (
    <Suspense fallback={<Loading label="Loading the charts…" />}>
      <div className="curves">
        {loss.length > 0 && <LineChart series={loss} xLabel={xLabel} title="Loss per epoch" />}
        {metrics.length > 0 && <LineChart series={metrics} xLabel={xLabel} title="Validation metrics per epoch" />}
      </div>
    </Suspense>
  );
}
