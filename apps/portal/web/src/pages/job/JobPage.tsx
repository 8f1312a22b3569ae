/**
 * Page 3, Job (`/jobs/:trackingId`): the stage timeline, live loss and metric curves, final metrics, the
 * confusion matrix or a regression summary, the column profile, hyperparameters, dataset checksum, links to the
 * MLflow run and the model, the error and what to do after a failure, and Cancel while it runs.
 */
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { isFinal, type JobStatus } from '@sdk/types';
import { getJson, sendJson } from '../../api/client';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorBanner, Loading } from '../../components/Status';
import { ColumnProfile } from './ColumnProfile';
import { ConfusionMatrix } from './ConfusionMatrix';
import { JobCurves } from './JobCurves';
import { columnRows, failureAdvice, formatMetric, regressionSummary, stageTimeline } from './job-view';
import { StageTimeline } from './StageTimeline';
import { useJob } from './useJob';
import './job.css';

type Result = {
  classes?: string[];
  confusionMatrix?: number[][];
  columns?: unknown;
  datasetSha256?: string;
  epochsRun?: number;
  stoppedEarly?: boolean;
  trainingSeconds?: number;
  rows?: Record<string, number>;
};
type Training = { params?: Record<string, unknown>; backend?: string; columns?: unknown };

const when = (at?: string | null) => (at ? new Date(at).toLocaleString() : '—');

export default function JobPage() {
  const { trackingId = '' } = useParams();
  return <JobView key={trackingId} trackingId={trackingId} />;
}

function JobView({ trackingId }: { trackingId: string }) {
  const { status, history, error, historyError, streamState, seen, setStatus } = useJob(trackingId);
  const [cancelError, setCancelError] = useState<unknown>();
  const [cancelling, setCancelling] = useState(false);
  const [runUrl, setRunUrl] = useState<string>();

  const name = status?.modelName ?? history?.modelName ?? undefined;
  const version = status?.modelVersion ?? history?.modelVersion ?? undefined;
  useEffect(() => {
    if (!name || !version) return;
    const abort = new AbortController();
    getJson<{ runUrl?: string }>(`/api/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(version)}`, {
      signal: abort.signal,
    }).then(
      (v) => setRunUrl(v.runUrl),
      () => undefined, // the run id is shown without a link
    );
    return () => abort.abort();
  }, [name, version]);

  if (error && !status) return <ErrorBanner error={error} />;
  if (!status) return <Loading label="Connecting to the job…" />;

  const running = !isFinal(status.status);
  const result = (status.result ?? history?.result ?? null) as Result | null;
  const metrics = (
    history?.metrics && Object.keys(history.metrics).length
      ? history.metrics
      : ((status.result as { metrics?: Record<string, number> } | null)?.metrics ?? {})
  ) as Record<string, number | null>;
  const training = (history?.settings.training ?? {}) as Training;
  const params = training.params ?? history?.settings.hyperparameters ?? undefined;
  const problem = status.problemType ?? history?.settings.problemType ?? undefined;
  const checksum = history?.dataset.sha256 ?? result?.datasetSha256;
  const columns = columnRows(result?.columns ?? training.columns);

  const cancel = () => {
    setCancelling(true);
    setCancelError(undefined);
    sendJson<JobStatus>('POST', `/api/model-train/${encodeURIComponent(trackingId)}/cancel`, {
      json: { reason: 'cancelled from the portal' },
    })
      .then(setStatus, setCancelError)
      .finally(() => setCancelling(false));
  };

  return (
    <div className="job-page">
      <div className="row spread job-head">
        <div>
          <h1>
            {name ?? 'Job'} <span className={`badge ${status.status}`}>{status.status}</span>
          </h1>
          <p className="muted job-id">
            Job <code>{trackingId}</code> · {status.filename} ·{' '}
            <span className={`stream stream-${streamState}`}>{streamState === 'ended' ? 'final' : streamState}</span>
          </p>
        </div>
        {running && (
          <button type="button" className="danger" onClick={cancel} disabled={cancelling || !!status.cancelRequestedAt}>
            {status.cancelRequestedAt ? 'Cancel requested' : cancelling ? 'Cancelling…' : 'Cancel the job'}
          </button>
        )}
      </div>
      <ErrorBanner error={cancelError} onDismiss={() => setCancelError(undefined)} />
      {error !== undefined && <ErrorBanner error={error} />}
      <div className="job-progress">
        <ProgressBar value={status.progress / 100} label="Job progress" />
        <span className="muted">
          {status.stage ?? status.status}
          {status.epoch !== undefined && status.epochs ? ` · epoch ${status.epoch} of ${status.epochs}` : ''}
        </span>
      </div>

      {status.status === 'failed' && (
        <section className="card failed" aria-labelledby="failed-title">
          <h2 id="failed-title">The job failed{status.stage ? ` while ${status.stage}` : ''}</h2>
          <p className="error-text">{status.error ?? 'No error message was recorded.'}</p>
          <p>
            <strong>What to do:</strong> {failureAdvice(status.stage, status.error)}{' '}
            <Link to={status.datasetId ? `/?dataset=${encodeURIComponent(status.datasetId)}` : '/'}>Train again</Link>
          </p>
        </section>
      )}
      {status.status === 'cancelled' && <p className="card">The job was cancelled{status.stage ? ` while ${status.stage}` : ''}.</p>}

      <div className="job-grid">
        <section className="card">
          <h2>Stages</h2>
          <StageTimeline steps={stageTimeline(status, seen)} />
        </section>
        <section className="card">
          <h2>Job</h2>
          <dl className="facts">
            <dt>Model</dt>
            <dd>
              {name ?? '—'}
              {version && ` v${version}`}
              {name && (
                <>
                  {' · '}
                  <Link to={`/models?name=${encodeURIComponent(name)}`}>model page</Link>
                </>
              )}
              {name && version && status.status === 'completed' && (
                <>
                  {' · '}
                  <Link to={`/predict?model=${encodeURIComponent(name)}&version=${encodeURIComponent(version)}`}>predict with it</Link>
                </>
              )}
            </dd>
            <dt>Family</dt>
            <dd>
              {status.modelType ?? history?.modelType ?? '—'} {problem && <span className="muted">({problem})</span>}
            </dd>
            <dt>Target</dt>
            <dd>{status.target ?? history?.settings.target ?? '—'}</dd>
            <dt>Dataset</dt>
            <dd>
              {status.datasetId ? <Link to={`/datasets/${encodeURIComponent(status.datasetId)}`}>{status.filename}</Link> : status.filename}
            </dd>
            <dt>Checksum</dt>
            <dd className="mono">{checksum ? `sha256 ${checksum}` : '—'}</dd>
            <dt>MLflow run</dt>
            <dd>
              {runUrl ? (
                <a href={runUrl} target="_blank" rel="noreferrer">
                  {status.mlflowRunId ?? 'open the run'}
                </a>
              ) : (
                (status.mlflowRunId ?? history?.mlflowRunId ?? '—')
              )}
            </dd>
            <dt>Created</dt>
            <dd>{when(status.createdAt)}</dd>
            <dt>Finished</dt>
            <dd>{when(status.finishedAt)}</dd>
            {training.backend && (
              <>
                <dt>Backend</dt>
                <dd>
                  {training.backend}
                  {history && history.attempts > 1 && ` · ${history.attempts} attempts`}
                </dd>
              </>
            )}
          </dl>
        </section>
      </div>

      <h2>Curves</h2>
      <ErrorBanner error={historyError} />
      <JobCurves epochs={history?.epochs ?? []} running={running} epochsPlanned={status.epochs} />

      {Object.keys(metrics).length > 0 && (
        <>
          <h2>Final metrics</h2>
          <div className="metrics">
            {Object.entries(metrics).map(([k, v]) => (
              <div key={k} className="metric card">
                <span className="muted">{k}</span>
                <strong>{formatMetric(v)}</strong>
              </div>
            ))}
          </div>
          {result?.epochsRun !== undefined && (
            <p className="hint">
              {result.epochsRun} epochs{result.stoppedEarly ? ' (stopped early: the validation loss stopped improving)' : ''}
              {result.trainingSeconds !== undefined && ` in ${result.trainingSeconds.toFixed(1)} s`}
              {result.rows &&
                ` · ${Object.entries(result.rows)
                  .map(([k, v]) => `${v} ${k}`)
                  .join(', ')} rows`}
            </p>
          )}
        </>
      )}
      {result?.confusionMatrix && (
        <>
          <h2>Confusion matrix</h2>
          <ConfusionMatrix matrix={result.confusionMatrix} classes={result.classes} />
        </>
      )}
      {problem === 'regression' && status.status === 'completed' && (
        <>
          <h2>Predicted vs actual</h2>
          <ul className="card summary">
            {regressionSummary(metrics).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}

      <h2>Columns</h2>
      <ColumnProfile rows={columns} running={running} />

      <h2>Hyperparameters</h2>
      {params ? (
        <div className="table-wrap">
          <table aria-label="Hyperparameters" className="params-table">
            <tbody>
              {Object.entries(params).map(([k, v]) => (
                <tr key={k}>
                  <th scope="row">{k}</th>
                  <td className="mono">{Array.isArray(v) ? v.join(', ') : String(v)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="empty">The hyperparameters appear once the trainer starts the job.</p>
      )}

      {history && history.transitions.length > 0 && (
        <>
          <h2>Status changes</h2>
          <ol className="transitions">
            {history.transitions.map((t) => (
              <li key={`${t.status}-${t.at}`}>
                <span className={`badge ${t.status}`}>{t.status}</span> {when(t.at)} <span className="muted">({t.eventType})</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
