/**
 * `/models`: the registered models with their versions, aliases and what the serving cache holds;
 * `/models?name=<name>` opens one model (versions, comparison, aliases, cache, serving figures).
 */
import { Link, useSearchParams } from 'react-router';
import { Empty, ErrorBanner, Loading } from '../../components/Status';
import { formatBytes } from '../../lib/models/format';
import type { ModelList } from '../../lib/models/types';
import { ModelDetailView } from './ModelDetailView';
import { useJson } from '../../api/use-json';
import './models.css';

export default function ModelsPage() {
  const [search] = useSearchParams();
  const name = search.get('name')?.trim();
  return <section className="models">{name ? <ModelDetailView name={name} /> : <ModelIndex />}</section>;
}

function ModelIndex() {
  const { data, error, loading, reload } = useJson<ModelList>('/api/models');
  const [search, setSearch] = useSearchParams();
  const filter = search.get('q') ?? '';
  const shown = data?.models.filter((m) => m.name.toLowerCase().includes(filter.trim().toLowerCase())) ?? [];
  return (
    <>
      <h1>Models</h1>
      <p className="hint">
        Every model the trainer registered in MLflow, with its versions, aliases and what this inference instance has loaded.
      </p>
      <ErrorBanner error={error} onDismiss={reload} />
      {loading && <Loading label="Loading models…" />}
      {data && (
        <p className="muted cache-line">
          Serving cache: {data.cache.models} of {data.cache.maxModels} models, {formatBytes(data.cache.bytes)} of{' '}
          {formatBytes(data.cache.maxBytes)}.
        </p>
      )}
      {data && data.models.length === 0 && (
        <Empty>
          No registered models yet. <Link to="/">Train one on the Train page</Link>: a completed training registers a version.
        </Empty>
      )}
      {data && data.models.length > 0 && (
        <div className="filter">
          <label htmlFor="model-filter">Filter by name</label>
          <input
            id="model-filter"
            type="search"
            value={filter}
            placeholder="e.g. churn"
            autoComplete="off"
            onChange={(e) => setSearch(e.target.value ? { q: e.target.value } : {}, { replace: true })}
          />
        </div>
      )}
      {data && data.models.length > 0 && shown.length === 0 && <Empty>No model name holds &quot;{filter}&quot;.</Empty>}
      {shown.length > 0 && (
        <div className="table-wrap">
          <table className="models-table">
            <caption className="muted">
              {shown.length} of {data?.models.length} models
            </caption>
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col" className="num">
                  Versions
                </th>
                <th scope="col">Latest</th>
                <th scope="col">Aliases</th>
                <th scope="col">Loaded</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {shown.map((m) => {
                const loaded = m.versions.filter((v) => v.loaded).map((v) => `v${v.version}`);
                return (
                  <tr key={m.name}>
                    <td>
                      <Link to={`/models?name=${encodeURIComponent(m.name)}`}>{m.name}</Link>
                    </td>
                    <td className="num">{m.versions.length}</td>
                    <td>{m.latestVersion ? `v${m.latestVersion}` : '—'}</td>
                    <td>
                      <AliasBadges aliases={m.aliases} />
                    </td>
                    <td>{loaded.length ? loaded.join(', ') : <span className="muted">none</span>}</td>
                    <td>
                      <Link to={`/predict?model=${encodeURIComponent(m.name)}`}>Predict</Link>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

export function AliasBadges({ aliases }: { aliases: Record<string, string> }) {
  const entries = Object.entries(aliases).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="muted">none</span>;
  return (
    <span className="alias-list">
      {entries.map(([alias, version]) => (
        <span key={alias} className="badge alias">
          @{alias} → v{version}
        </span>
      ))}
    </span>
  );
}
