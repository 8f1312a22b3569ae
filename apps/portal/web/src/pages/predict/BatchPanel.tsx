/**
 * Batch prediction over a CSV: the file goes to `POST /api/predict/batch` (multipart) for the chosen version or
 * alias, the job is polled until it ends, and its results CSV is offered through the portal (`resultsPath`), so
 * the download works wherever the browser is (a presigned object-store URL may point at a loopback address).
 */
import { useEffect, useId, useState } from 'react';
import { api, apiKey, getJson } from '../../api/client';
import { ProgressBar } from '../../components/ProgressBar';
import { ErrorBanner } from '../../components/Status';
import { formatBytes } from '../../lib/models/format';
import { refLabel, refUri, type ModelRef } from '../../lib/models/model-ref';
import type { BatchJob } from '../../lib/models/types';

/** The inference API's limit on an uploaded batch CSV (413 above it). */
const MAX_BATCH_BYTES = 25 * 1024 * 1024;
const POLL_MS = 1000;

export function BatchPanel({ modelRef, problemType }: { modelRef: ModelRef; problemType?: string }) {
  const id = useId();
  const [file, setFile] = useState<File>();
  const [fileError, setFileError] = useState<string>();
  const [job, setJob] = useState<BatchJob>();
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);

  const running = job !== undefined && (job.status === 'pending' || job.status === 'running');
  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      getJson<BatchJob>(`/api/predict/batch/${encodeURIComponent(job.jobId)}`, { signal: controller.signal }).then(setJob, (e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    }, POLL_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [running, job]);

  const start = async () => {
    if (!file) {
      setFileError('Choose a CSV file with a header row and the columns the model takes.');
      return;
    }
    if (file.size > MAX_BATCH_BYTES) {
      setFileError(
        `${file.name} is ${formatBytes(file.size)}: a batch takes at most ${formatBytes(MAX_BATCH_BYTES)}. Split it into smaller files.`,
      );
      return;
    }
    setFileError(undefined);
    setError(undefined);
    setSending(true);
    const form = new FormData();
    form.set('modelId', refUri(modelRef));
    form.set('file', file, file.name);
    try {
      setJob(await api().json<BatchJob>('POST', '/api/predict/batch', { form }));
    } catch (e) {
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="card batch" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Batch prediction</h2>
      <p className="hint">
        Predict every row of a CSV with {refLabel(modelRef)}. Its header must hold the columns the model takes; the results CSV repeats them
        and adds the prediction{problemType === 'classification' ? ' and one probability column per class' : ''}.
      </p>
      <form
        className="batch-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void start();
        }}
      >
        <div className="row">
          <div>
            <label htmlFor={`${id}-file`}>CSV file</label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".csv,text/csv"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={`${id}-file-error`}
              onChange={(e) => {
                setFile(e.target.files?.[0]);
                setFileError(undefined);
              }}
            />
          </div>
          <button type="submit" disabled={sending || running}>
            {sending ? 'Uploading…' : 'Run batch prediction'}
          </button>
        </div>
        <p id={`${id}-file-error`} className="field-error" aria-live="polite">
          {fileError}
        </p>
      </form>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      {job && <BatchStatus job={job} />}
    </section>
  );
}

function BatchStatus({ job }: { job: BatchJob }) {
  const fraction = job.rows ? job.processedRows / job.rows : job.status === 'completed' ? 1 : 0;
  return (
    <div className="batch-status" role="status" aria-live="polite">
      <p>
        <span className={`badge ${job.status === 'pending' ? 'queued' : job.status}`}>{job.status}</span> {job.modelId ?? job.requested} ·{' '}
        {job.processedRows}
        {job.rows !== undefined ? ` of ${job.rows}` : ''} rows
      </p>
      {(job.status === 'pending' || job.status === 'running') && <ProgressBar value={fraction} label="Batch prediction progress" />}
      {job.status === 'failed' && (
        <p className="error" role="alert">
          The batch failed: {job.error ?? 'no reason given'}. Check the CSV against the model&apos;s columns and run it again.
        </p>
      )}
      {job.status === 'completed' && job.resultsPath && <ResultsLink path={job.resultsPath} jobId={job.jobId} />}
      {job.status === 'completed' && !job.resultsPath && (
        <p className="error" role="alert">
          The batch completed but the inference API gave no results path: update the inference app to one that serves GET
          /api/predict/batch/:jobId/results.
        </p>
      )}
    </div>
  );
}

/** A plain link while no API key is set; with one, the file is fetched with the key and saved from memory. */
function ResultsLink({ path, jobId }: { path: string; jobId: string }) {
  const [error, setError] = useState<unknown>();
  const filename = `predictions-${jobId}.csv`;
  return (
    <>
      <a
        className="button-link"
        href={path}
        download={filename}
        onClick={(e) => {
          if (!apiKey()) return;
          e.preventDefault();
          void saveWithKey(path, filename).catch(setError);
        }}
      >
        Download results CSV
      </a>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
    </>
  );
}

async function saveWithKey(path: string, filename: string): Promise<void> {
  const res = await api().send('GET', path, { accept: 'text/csv' });
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: filename });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
