/**
 * Deleting a dataset, confirmed first. The API refuses (409) while a job of it is pending or running; its words
 * are shown as they are. On success, back to the list, which says what went.
 */
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { DatasetDeleted, DatasetDetail } from '@sdk/types';
import { sendJson } from '../../api/client';
import { ErrorBanner } from '../../components/Status';
import { formatBytes } from '../../lib/datasets/format';

export function DeleteDataset({ dataset }: { dataset: Pick<DatasetDetail, 'datasetId' | 'filename'> }) {
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const remove = async () => {
    setDeleting(true);
    setFailure(undefined);
    try {
      const answer = await sendJson<DatasetDeleted>('DELETE', `/api/datasets/${encodeURIComponent(dataset.datasetId)}`);
      const freed = answer.freedBytes > 0 ? ` (${formatBytes(answer.freedBytes)} freed)` : '';
      void navigate('/datasets', { state: { deleted: `${dataset.filename}${freed}` } });
    } catch (error) {
      setFailure(error);
      setDeleting(false);
      setAsking(false);
    }
  };

  return (
    <div className="delete-dataset">
      {!asking ? (
        <button type="button" className="danger" onClick={() => setAsking(true)}>
          Delete dataset…
        </button>
      ) : (
        <div className="confirm" role="alertdialog" aria-labelledby="delete-question">
          <p id="delete-question">
            Delete <strong>{dataset.filename}</strong>? Its stored file goes too (unless another record uses the same bytes). Jobs and
            models trained on it stay.
          </p>
          <div className="row">
            <button type="button" className="danger" disabled={deleting} onClick={() => void remove()}>
              {deleting ? 'Deleting…' : 'Yes, delete it'}
            </button>
            <button type="button" className="secondary" disabled={deleting} onClick={() => setAsking(false)} autoFocus>
              Keep it
            </button>
          </div>
        </div>
      )}
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
    </div>
  );
}
