/** The jobs of one page: status, progress, stage, model, file, created, duration; select several and cancel them. */
import type { BulkCancelResult } from '@sdk/types';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { sendJson } from '../../api/client';
import { ProgressBar } from '../../components/ProgressBar';
import { Empty, ErrorBanner } from '../../components/Status';
import { formatDuration, formatTimestamp, jobDurationMs } from '../../lib/jobs/format';
import { isUnfinished, JobRow } from '../../lib/jobs/job-rows';
import type { CancelResult } from './CancelOutcomes';

interface Props {
  rows: JobRow[];
  busy: boolean;
  filtered: boolean;
  selected: ReadonlySet<string>;
  onSelect: (next: ReadonlySet<string>) => void;
  onCancelled: (results: CancelResult[]) => void;
}

/** The clock of the Duration column: ticks each second while a job on the page runs. */
function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

export function JobsTable({ rows, busy, filtered, selected, onSelect, onCancelled }: Props) {
  const now = useNow(rows.some((r) => r.status === 'running'));
  const [cancelling, setCancelling] = useState(false);
  const [error, setError] = useState<unknown>();
  const selectable = rows.filter(isUnfinished);
  const chosen = rows.filter((r) => selected.has(r.trackingId));
  const allChosen = selectable.length > 0 && selectable.every((r) => selected.has(r.trackingId));

  const toggle = (id: string) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    onSelect(next);
  };
  const toggleAll = () => onSelect(allChosen ? new Set() : new Set(selectable.map((r) => r.trackingId)));

  const cancel = async () => {
    setCancelling(true);
    setError(undefined);
    try {
      const answer = await sendJson<BulkCancelResult>('POST', '/api/model-train/cancel', {
        json: { trackingIds: chosen.map((r) => r.trackingId), reason: 'cancelled from the portal Jobs page' },
      });
      onCancelled(answer.results);
    } catch (e) {
      setError(e);
    } finally {
      setCancelling(false);
    }
  };

  return (
    <>
      <div className="jobs-toolbar">
        <button type="button" className="danger" disabled={chosen.length === 0 || cancelling} onClick={() => void cancel()}>
          {cancelling ? 'Cancelling…' : `Cancel selected (${chosen.length})`}
        </button>
        <span className="hint">Only pending and running jobs can be selected.</span>
      </div>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      {rows.length === 0 ? (
        <Empty>{filtered ? 'No job matches these filters.' : 'No jobs yet: start one on the Train page.'}</Empty>
      ) : (
        <div className="table-wrap">
          <table className="jobs-table" aria-busy={busy} aria-label="Jobs">
            <thead>
              <tr>
                <th scope="col" className="select">
                  <input
                    type="checkbox"
                    aria-label="Select every unfinished job on this page"
                    checked={allChosen}
                    disabled={selectable.length === 0}
                    onChange={toggleAll}
                  />
                </th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col" className="col-stage">
                  Stage
                </th>
                <th scope="col">Model</th>
                <th scope="col" className="col-file">
                  File
                </th>
                <th scope="col" className="col-created">
                  Created
                </th>
                <th scope="col" className="col-duration">
                  Duration
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={r.trackingId}
                  data-tracking-id={r.trackingId}
                  data-status={r.status}
                  className={r.outOfFilter ? 'out-of-filter' : undefined}
                >
                  <td className="select">
                    <input
                      type="checkbox"
                      aria-label={`Select job ${r.trackingId}`}
                      checked={selected.has(r.trackingId)}
                      disabled={!isUnfinished(r) && !selected.has(r.trackingId)}
                      onChange={() => toggle(r.trackingId)}
                    />
                  </td>
                  <td>
                    <span className={`badge ${r.status}`}>{r.status}</span>
                  </td>
                  <td className="col-progress">
                    <ProgressBar value={r.progress / 100} label={`Progress of job ${r.trackingId}`} />
                  </td>
                  <td className="col-stage">{r.stage ?? '—'}</td>
                  <td className="col-model">
                    <Link to={`/jobs/${encodeURIComponent(r.trackingId)}`} title={`Job ${r.trackingId}`}>
                      {r.modelName ?? `job ${r.trackingId.slice(0, 8)}`}
                    </Link>
                    {r.modelType && <div className="hint">{r.modelType}</div>}
                    {r.error && (
                      <div className="field-error" title={r.error}>
                        {r.error}
                      </div>
                    )}
                  </td>
                  <td className="col-file">{r.filename ?? '—'}</td>
                  <td className="col-created">
                    <time dateTime={r.createdAt}>{formatTimestamp(r.createdAt)}</time>
                  </td>
                  <td className="col-duration">{formatDuration(jobDurationMs(r, now))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
