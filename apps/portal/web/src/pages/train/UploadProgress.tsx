/** The upload's progress: a bar, bytes sent of all, MB/s, time left, and a note while a chunk is retried. */
import { ProgressBar } from '../../components/ProgressBar';
import { formatBytes, formatDuration, formatRate } from '../../lib/upload/upload-speed';
import type { UploadProgressState } from './useChunkedUpload';

export function UploadProgress({ progress, onStop }: { progress: UploadProgressState; onStop?: () => void }) {
  const p = progress;
  const done = p.sentBytes >= p.totalBytes && p.chunk >= p.totalChunks;
  return (
    <section className="card upload-progress" aria-label="Upload progress">
      <div className="row spread">
        <strong>
          {done ? 'Uploaded' : 'Uploading'} {p.filename}
        </strong>
        {!done && onStop && (
          <button type="button" className="secondary" onClick={onStop}>
            Stop
          </button>
        )}
      </div>
      <ProgressBar value={p.totalBytes ? p.sentBytes / p.totalBytes : 1} label={`Upload of ${p.filename}`} />
      <p className="upload-figures" aria-live="polite">
        <span data-testid="upload-bytes">
          {formatBytes(p.sentBytes)} of {formatBytes(p.totalBytes)}
        </span>
        <span>
          {p.chunk} of {p.totalChunks} chunks
        </span>
        <span data-testid="upload-rate">{formatRate(p.bytesPerSecond)}</span>
        <span>{done ? 'starting the job…' : `${formatDuration(p.secondsLeft)} left`}</span>
      </p>
      {p.resumedAt !== undefined && (
        <p className="hint">Resumed at chunk {p.resumedAt + 1}: the server already had the chunks before it.</p>
      )}
      {p.retry && p.retry.chunk >= p.chunk && (
        <p className="hint retry" role="status">
          Chunk {p.retry.chunk + 1} failed ({p.retry.message}); sending it again in {formatDuration(p.retry.delayMs / 1000)} (attempt{' '}
          {p.retry.attempt + 1}).
        </p>
      )}
    </section>
  );
}
