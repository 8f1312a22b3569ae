/** Stop a sweep's unfinished trainings at once (`POST /api/model-train/cancel` with its sweepId), confirmed first. */
import { useState } from 'react';
import type { BulkCancelResult } from '@sdk/types';
import { sendJson } from '../../api/client';
import { ErrorBanner } from '../../components/Status';

export function CancelSweep({ sweepId, unfinished }: { sweepId: string; unfinished: number }) {
  const [asking, setAsking] = useState(false);
  const [sending, setSending] = useState(false);
  const [answer, setAnswer] = useState<BulkCancelResult>();
  const [failure, setFailure] = useState<unknown>();

  const cancel = async () => {
    setSending(true);
    setFailure(undefined);
    try {
      setAnswer(
        await sendJson<BulkCancelResult>('POST', '/api/model-train/cancel', { json: { sweepId, reason: 'sweep cancelled in the portal' } }),
      );
      setAsking(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="cancel-sweep">
      {answer ? (
        <p className="muted" role="status">
          Asked {answer.cancelled} training{answer.cancelled === 1 ? '' : 's'} to stop; the leaderboard shows them as they do.
        </p>
      ) : !asking ? (
        <button type="button" className="secondary" onClick={() => setAsking(true)}>
          Cancel unfinished trainings…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-labelledby="cancel-sweep-question">
          <p id="cancel-sweep-question">
            Cancel the {unfinished} unfinished training{unfinished === 1 ? '' : 's'} of this sweep? Finished ones keep their results.
          </p>
          <div className="row">
            <button type="button" className="danger" disabled={sending} onClick={() => void cancel()}>
              {sending ? 'Cancelling…' : 'Yes, cancel them'}
            </button>
            <button type="button" className="secondary" disabled={sending} onClick={() => setAsking(false)} autoFocus>
              Let them run
            </button>
          </div>
        </div>
      )}
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
    </div>
  );
}
