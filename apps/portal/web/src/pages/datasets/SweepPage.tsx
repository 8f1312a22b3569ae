/**
 * `/sweeps/:sweepId`: the sweep's leaderboard, refreshed every 2 s until it is settled (every training final and
 * the alias, if one was asked for, given); then the winner, and an alias to set on it.
 */
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import type { Sweep } from '@sdk/types';
import { Loading } from '../../components/Status';
import { ProgressBar } from '../../components/ProgressBar';
import { formatParams, formatScore, formatTime } from '../../lib/datasets/format';
import { directionLabel, finalCount, isSettled, winnerOf } from '../../lib/datasets/leaderboard';
import { CancelSweep } from './CancelSweep';
import { LoadError } from './LoadError';
import { SetWinnerAlias } from './SetWinnerAlias';
import { useJson } from '../../api/use-json';
import './datasets.css';

const POLL_MS = 2000;

export default function SweepPage() {
  const { sweepId = '' } = useParams();
  const { data: sweep, error, loading, reload } = useJson<Sweep>(`/api/sweeps/${encodeURIComponent(sweepId)}`);
  const settled = sweep ? isSettled(sweep) : false;

  useEffect(() => {
    if (!sweep || settled) return;
    const timer = setTimeout(reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [sweep, error, settled, reload]);

  return (
    <section className="sweep">
      {loading && <Loading label="Loading the sweep…" />}
      {!sweep && <LoadError error={error} retry={reload} />}
      {sweep && (
        <>
          <p className="crumbs">
            <Link to={`/datasets/${encodeURIComponent(sweep.datasetId)}`}>← Its dataset</Link>
          </p>
          <div className="title-row">
            <h1>Sweep of {sweep.modelName}</h1>
            <span className={`badge ${settled ? 'completed' : 'running'}`} role="status" aria-live="polite">
              {settled ? 'settled' : 'running'}
            </span>
          </div>
          <SweepFacts sweep={sweep} />
          {!sweep.jobsFinal && <CancelSweep sweepId={sweep.sweepId} unfinished={finalCount(sweep).total - finalCount(sweep).final} />}
          {error !== undefined && <LoadError error={error} retry={reload} />}
          {settled && <Winner sweep={sweep} />}
          <h2>Leaderboard</h2>
          <Leaderboard sweep={sweep} />
        </>
      )}
    </section>
  );
}

function SweepFacts({ sweep }: { sweep: Sweep }) {
  const { final, total } = finalCount(sweep);
  return (
    <dl className="facts">
      <div>
        <dt>Ranked by</dt>
        <dd>
          {sweep.metric} ({directionLabel(sweep.direction)})
        </dd>
      </div>
      <div>
        <dt>Target</dt>
        <dd>{sweep.target}</dd>
      </div>
      <div>
        <dt>Trainings final</dt>
        <dd aria-label={`${final} of ${total} trainings final`}>
          {final} of {total}
        </dd>
      </div>
      <div>
        <dt>Alias for the winner</dt>
        <dd>{sweep.promoteAlias ?? 'none asked'}</dd>
      </div>
      <div>
        <dt>Created (UTC)</dt>
        <dd>{formatTime(sweep.createdAt)}</dd>
      </div>
      <div>
        <dt>Sweep</dt>
        <dd className="mono small breakable">{sweep.sweepId}</dd>
      </div>
    </dl>
  );
}

function Winner({ sweep }: { sweep: Sweep }) {
  const winner = winnerOf(sweep);
  if (!winner || !winner.modelVersion) {
    const count = (status: string) => sweep.leaderboard.filter((e) => e.status === status).length;
    return (
      <div className="card">
        <p>
          No winner: no training completed with a score for {sweep.metric} ({count('cancelled')} cancelled, {count('failed')} failed). Open
          a job below to see what happened.
        </p>
      </div>
    );
  }
  return (
    <div className="card winner" aria-labelledby="winner-title">
      <h2 id="winner-title">Winner</h2>
      <p>
        <strong>{winner.modelType}</strong> ({formatParams(winner.params)}): {sweep.metric} <strong>{formatScore(winner.score)}</strong>,{' '}
        registered as {sweep.modelName} version {winner.modelVersion}.{' '}
        <Link to={`/jobs/${encodeURIComponent(winner.trackingId)}`}>Its job</Link>
      </p>
      {sweep.promoteAlias && sweep.promotedVersion && (
        <p className="muted">
          The sweep gave it the alias <strong>{sweep.promoteAlias}</strong> (version {sweep.promotedVersion}).
        </p>
      )}
      <SetWinnerAlias model={sweep.modelName} version={winner.modelVersion} suggested={sweep.promoteAlias ?? 'champion'} />
    </div>
  );
}

function Leaderboard({ sweep }: { sweep: Sweep }) {
  if (sweep.leaderboard.length === 0) return <p className="empty">This sweep has no trainings.</p>;
  return (
    <div className="table-wrap">
      <table className="leaderboard stack" aria-label="Leaderboard">
        <thead>
          <tr>
            <th scope="col" className="num">
              Rank
            </th>
            <th scope="col">Family</th>
            <th scope="col">Hyperparameters</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              {sweep.metric}
            </th>
            <th scope="col">Version</th>
            <th scope="col">Job</th>
          </tr>
        </thead>
        <tbody>
          {sweep.leaderboard.map((e) => (
            <tr key={e.trackingId} className={e.status}>
              <td className="num" data-label="Rank">
                {e.score !== null ? e.rank : '—'}
              </td>
              <td data-label="Family">{e.modelType}</td>
              <td className="params lead">{formatParams(e.params)}</td>
              <td className="status-cell" data-label="Status">
                {e.status === 'running' ? (
                  <ProgressBar value={e.progress / 100} label={`training ${e.trackingId.slice(0, 8)}`} />
                ) : (
                  <span className={`badge ${e.status}`} title={e.error ?? undefined}>
                    {e.status}
                  </span>
                )}
              </td>
              <td className="num score" data-label={sweep.metric}>
                {formatScore(e.score)}
              </td>
              <td data-label="Version">{e.modelVersion ?? '—'}</td>
              <td className="mono" data-label="Job">
                <Link to={`/jobs/${encodeURIComponent(e.trackingId)}`} aria-label={`job ${e.trackingId}`}>
                  {e.trackingId.slice(0, 8)}
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
