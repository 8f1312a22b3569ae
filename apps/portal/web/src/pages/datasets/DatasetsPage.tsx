/**
 * `/datasets`: every dataset (newest first, paged by `?page=`), with its size, rows, columns, creation time and
 * the jobs trained on it; each links to its page.
 */
import { useEffect, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { DatasetList, JobHistoryPage } from '@sdk/types';
import { getJson } from '../../api/client';
import { Empty, Loading } from '../../components/Status';
import { HISTORY_PAGE, trainingsByDataset, type DatasetJobs } from '../../lib/datasets/dataset-jobs';
import { formatBytes, formatCount, formatTime, plural } from '../../lib/datasets/format';
import { LoadError } from './LoadError';
import { useJson, withQuery } from '../../api/use-json';
import './datasets.css';

const PAGE_SIZE = 20;

export default function DatasetsPage() {
  const [search] = useSearchParams();
  const page = Math.max(1, Math.floor(Number(search.get('page'))) || 1);
  const deleted = (useLocation().state as { deleted?: string } | null)?.deleted;
  const { data, error, loading, reload } = useJson<DatasetList>(withQuery('/api/datasets', { page, pageSize: PAGE_SIZE }));
  const jobs = useTrainings(data);

  const pages = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <section className="datasets">
      <h1>Datasets</h1>
      <p className="hint">
        Every uploaded CSV is a dataset, stored once per content: train it again or sweep it without uploading it again.
      </p>
      {deleted && (
        <p className="notice" role="status">
          Deleted {deleted}.
        </p>
      )}
      <LoadError error={error} retry={reload} />
      {loading && <Loading label="Loading datasets…" />}
      {data && data.items.length === 0 && (
        <Empty>
          {page > 1 ? (
            <>
              No datasets on page {page}. <Link to="/datasets">Go to the first page</Link>.
            </>
          ) : (
            <>
              No datasets yet. <Link to="/">Upload a CSV on the Train page</Link>: every upload becomes a dataset.
            </>
          )}
        </Empty>
      )}
      {data && data.items.length > 0 && (
        <>
          <div className="table-wrap">
            <table className="datasets-table stack">
              <caption className="muted">
                {plural(data.total, 'dataset')} · page {page} of {pages}
              </caption>
              <thead>
                <tr>
                  <th scope="col">File</th>
                  <th scope="col" className="num">
                    Size
                  </th>
                  <th scope="col" className="num">
                    Rows
                  </th>
                  <th scope="col" className="num">
                    Columns
                  </th>
                  <th scope="col">Created (UTC)</th>
                  <th scope="col" className="num">
                    Jobs
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.items.map((d) => (
                  <tr key={d.datasetId}>
                    <td className="lead">
                      <Link to={`/datasets/${encodeURIComponent(d.datasetId)}`}>{d.filename}</Link>
                      <div className="muted mono small">{d.datasetId}</div>
                    </td>
                    <td className="num" data-label="Size">
                      {formatBytes(d.size)}
                    </td>
                    <td className="num" data-label="Rows">
                      {formatCount(d.rows)}
                    </td>
                    <td className="num" data-label="Columns">
                      {d.columns.length}
                    </td>
                    <td className="nowrap wide" data-label="Created (UTC)">
                      {formatTime(d.createdAt)}
                    </td>
                    <td className="num" data-label="Jobs">
                      <JobCount jobs={jobs} datasetId={d.datasetId} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav className="pager" aria-label="Dataset pages">
            {page > 1 ? <Link to={withQuery('/datasets', { page: page - 1 })}>← Newer</Link> : <span />}
            <span className="muted">
              Page {page} of {pages}
            </span>
            {data.nextOffset !== null ? <Link to={withQuery('/datasets', { page: page + 1 })}>Older →</Link> : <span />}
          </nav>
        </>
      )}
    </section>
  );
}

/** The trainings of the listed datasets, read from the job history once the list is there (undefined meanwhile). */
function useTrainings(list: DatasetList | undefined): Map<string, DatasetJobs> | undefined {
  const [result, setResult] = useState<{ list: DatasetList; jobs: Map<string, DatasetJobs> }>();
  useEffect(() => {
    if (!list) return;
    const controller = new AbortController();
    const historyOf = (datasetId: string) =>
      getJson<JobHistoryPage>('/api/model-train/jobs', { query: { datasetId, limit: HISTORY_PAGE }, signal: controller.signal });
    void trainingsByDataset(list.items, historyOf).then((jobs) => {
      if (!controller.signal.aborted) setResult({ list, jobs });
    });
    return () => controller.abort();
  }, [list]);
  return result && result.list === list ? result.jobs : undefined;
}

function JobCount({ jobs, datasetId }: { jobs: Map<string, DatasetJobs> | undefined; datasetId: string }) {
  if (!jobs)
    return (
      <span className="muted" aria-label="counting jobs">
        …
      </span>
    );
  const found = jobs.get(datasetId);
  if (!found) return <span title="The job history did not answer; reload to try again">—</span>;
  return (
    <span title={found.capped ? `At least ${found.jobs.length}: more jobs share the filename than one look-up reads` : undefined}>
      {found.jobs.length}
      {found.capped ? '+' : ''}
    </span>
  );
}
