/**
 * `/datasets/:datasetId`: a dataset's facts, column profile and first rows, the jobs trained on it, "train again",
 * "start a sweep", and delete.
 */
import { Link, useParams } from 'react-router';
import type { DatasetDetail, ModelSpec } from '@sdk/types';
import { Loading } from '../../components/Status';
import { formatBytes, formatCount, formatShare, formatTime, plural } from '../../lib/datasets/format';
import { DatasetJobs } from './DatasetJobs';
import { DeleteDataset } from './DeleteDataset';
import { LoadError } from './LoadError';
import { SweepForm } from './SweepForm';
import { TrainAgainForm } from './TrainAgainForm';
import { useJson } from '../../api/use-json';
import './datasets.css';

export default function DatasetPage() {
  const { datasetId = '' } = useParams();
  const { data: dataset, error, loading, reload } = useJson<DatasetDetail>(`/api/datasets/${encodeURIComponent(datasetId)}`);
  const specs = useJson<ModelSpec[]>('/api/model-specs');

  return (
    <section className="dataset">
      <p className="crumbs">
        <Link to="/datasets">← Datasets</Link>
      </p>
      {loading && <Loading label="Loading the dataset…" />}
      <LoadError error={error} retry={reload} />
      {dataset && (
        <>
          <div className="title-row">
            <h1>{dataset.filename}</h1>
            <DeleteDataset dataset={dataset} />
          </div>
          <Facts dataset={dataset} />
          <h2>Columns</h2>
          <ColumnProfile dataset={dataset} />
          <h2>First rows</h2>
          <Preview dataset={dataset} />
          <h2>Jobs trained on it</h2>
          <DatasetJobs datasetId={dataset.datasetId} />
          {specs.loading && <Loading label="Loading the model families…" />}
          <LoadError error={specs.error} retry={specs.reload} />
          {specs.data && (
            <div className="forms">
              <TrainAgainForm key={`train-${dataset.datasetId}`} dataset={dataset} specs={specs.data} />
              <SweepForm key={`sweep-${dataset.datasetId}`} dataset={dataset} specs={specs.data} />
            </div>
          )}
        </>
      )}
    </section>
  );
}

function Facts({ dataset }: { dataset: DatasetDetail }) {
  return (
    <dl className="facts">
      <div>
        <dt>Size</dt>
        <dd>{formatBytes(dataset.size)}</dd>
      </div>
      <div>
        <dt>Rows</dt>
        <dd>{formatCount(dataset.rows)}</dd>
      </div>
      <div>
        <dt>Columns</dt>
        <dd>{dataset.columns.length}</dd>
      </div>
      <div>
        <dt>Created (UTC)</dt>
        <dd>{formatTime(dataset.createdAt)}</dd>
      </div>
      <div>
        <dt>Made by</dt>
        <dd>
          {dataset.trackingId ? <Link to={`/jobs/${encodeURIComponent(dataset.trackingId)}`}>{dataset.trackingId.slice(0, 8)}</Link> : '—'}
        </dd>
      </div>
      <div>
        <dt>Dataset</dt>
        <dd className="mono small breakable">{dataset.datasetId}</dd>
      </div>
      <div className="wide">
        <dt>sha256</dt>
        <dd className="mono small breakable">{dataset.sha256}</dd>
      </div>
    </dl>
  );
}

function ColumnProfile({ dataset }: { dataset: DatasetDetail }) {
  return (
    <div className="table-wrap">
      <table className="profile">
        <caption className="muted">{plural(dataset.columns.length, 'column')}</caption>
        <thead>
          <tr>
            <th scope="col">Column</th>
            <th scope="col">Type</th>
            <th scope="col" className="num">
              Missing
            </th>
            <th scope="col" className="num">
              Distinct
            </th>
          </tr>
        </thead>
        <tbody>
          {dataset.columns.map((c) => (
            <tr key={c.name}>
              <th scope="row">{c.name}</th>
              <td>
                <span className={`badge kind-${c.type}`}>{c.type}</span>
              </td>
              <td className="num">
                {formatCount(c.missing)}
                {c.missing > 0 && <span className="muted pct"> ({formatShare(c.missing, dataset.rows)})</span>}
              </td>
              <td className="num">
                {formatCount(c.distinct)}
                {c.distinctCapped ? '+' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Preview({ dataset }: { dataset: DatasetDetail }) {
  const { columns, rows } = dataset.preview;
  if (rows.length === 0) return <p className="empty">The file has a header and no rows.</p>;
  return (
    <div className="table-wrap">
      <table className="preview">
        <caption className="muted">
          The first {rows.length} of {plural(dataset.rows, 'row')}
        </caption>
        <thead>
          <tr>
            {columns.map((name) => (
              <th key={name} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, j) =>
                cell === null ? (
                  <td key={j} className="missing" aria-label="missing">
                    —
                  </td>
                ) : (
                  <td key={j}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
