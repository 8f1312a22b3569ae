/** What a bulk cancel did to each job it named: one line per job. */
import { Link } from 'react-router';
import { CancelOutcome, describeCancelOutcome } from '../../lib/jobs/format';

export interface CancelResult {
  trackingId: string;
  outcome: CancelOutcome;
  status: string | null;
}

export function CancelOutcomes({ results, onDismiss }: { results: CancelResult[]; onDismiss: () => void }) {
  const cancelled = results.filter((r) => r.outcome === 'cancelled').length;
  return (
    <div className="card cancel-outcomes" role="status" aria-label="Cancel outcomes">
      <div className="cancel-outcomes-head">
        <strong>
          {cancelled} of {results.length} {results.length === 1 ? 'job' : 'jobs'} cancelled
        </strong>
        <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss the cancel outcomes">
          ×
        </button>
      </div>
      <ul>
        {results.map((r) => (
          <li key={r.trackingId} data-outcome={r.outcome}>
            <Link to={`/jobs/${encodeURIComponent(r.trackingId)}`}>
              <code>{r.trackingId}</code>
            </Link>
            : {describeCancelOutcome(r.outcome, r.status)}
          </li>
        ))}
      </ul>
    </div>
  );
}
