/** The jobs trained on a dataset, from the job history (filtered by datasetId), newest first. */
import { Link } from 'react-router';
import type { JobHistoryPage } from '@sdk/types';
import { Empty, Loading } from '../../components/Status';
import { HISTORY_PAGE, trainingsOf } from '../../lib/datasets/dataset-jobs';
import { formatTime } from '../../lib/datasets/format';
import { LoadError } from './LoadError';
import { useJson, withQuery } from '../../api/use-json';

const SHOWN = 10;

export function DatasetJobs({ datasetId }: { datasetId: string }) {
  const { data, error, loading, reload } = useJson<JobHistoryPage>(withQuery('/api/model-train/jobs', { datasetId, limit: HISTORY_PAGE }));
  if (loading) return <Loading label="Loading its jobs…" />;
  if (!data) return <LoadError error={error} retry={reload} />;
  const { jobs, capped } = trainingsOf(data, datasetId);
  if (jobs.length === 0) return <Empty>No job has trained on it yet.</Empty>;
  return (
    <div className="table-wrap">
      <table className="stack">
        <caption className="muted">
          {jobs.length}
          {capped ? '+' : ''} job{jobs.length === 1 ? '' : 's'}
          {jobs.length > SHOWN ? `, the newest ${SHOWN} shown` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Family</th>
            <th scope="col">Model</th>
            <th scope="col">Status</th>
            <th scope="col">Created (UTC)</th>
          </tr>
        </thead>
        <tbody>
          {jobs.slice(0, SHOWN).map((job) => (
            <tr key={job.trackingId}>
              <td className="mono lead">
                <Link to={`/jobs/${encodeURIComponent(job.trackingId)}`}>{job.trackingId.slice(0, 8)}</Link>
                {job.sweepId && (
                  <>
                    {' '}
                    <Link className="small" to={`/sweeps/${encodeURIComponent(job.sweepId)}`}>
                      sweep
                    </Link>
                  </>
                )}
              </td>
              <td data-label="Family">{job.modelType ?? '—'}</td>
              <td data-label="Model">{job.modelId ? job.modelId.replace(/^models:\//, '') : (job.modelName ?? '—')}</td>
              <td data-label="Status">
                <span className={`badge ${job.status}`}>{job.status}</span>
              </td>
              <td className="nowrap wide" data-label="Created (UTC)">
                {formatTime(job.createdAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
