/**
 * The versions of a model, newest first: status, aliases, creation, whether this inference instance has it
 * loaded (with load/unload), its serving figures, a box to pick it for the comparison and a link to predict.
 */
import { Link } from 'react-router';
import { sendJson } from '../../api/client';
import { formatErrors, formatMs, formatTime } from '../../lib/models/format';
import type { EvictAnswer, ModelDetail, PreloadAnswer, VersionDetail } from '../../lib/models/types';
import type { ModelActions } from './ModelDetailView';

interface Props {
  model: ModelDetail;
  picked: string[];
  onPick: (versions: string[]) => void;
  actions: ModelActions;
}

export function VersionsTable({ model, picked, onPick, actions }: Props) {
  const toggle = (version: string, on: boolean) => {
    const next = new Set(picked);
    if (on) next.add(version);
    else next.delete(version);
    onPick(model.versions.map((v) => v.version).filter((v) => next.has(v)));
  };
  return (
    <div className="table-wrap">
      <table className="versions-table">
        <caption className="muted">Serving figures are this inference instance's since it started; latency over the recent window.</caption>
        <thead>
          <tr>
            <th scope="col">Compare</th>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Aliases</th>
            <th scope="col">Created (UTC)</th>
            <th scope="col">Serving cache</th>
            <th scope="col" className="num">
              Requests
            </th>
            <th scope="col" className="num">
              Errors
            </th>
            <th scope="col" className="num">
              p50
            </th>
            <th scope="col" className="num">
              p99
            </th>
            <th scope="col">
              <span className="sr-only">Predict</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {model.versions.map((v) => (
            <tr key={v.version}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`Compare v${v.version}`}
                  checked={picked.includes(v.version)}
                  onChange={(e) => toggle(v.version, e.target.checked)}
                />
              </td>
              <th scope="row">
                v{v.version}
                {v.modelType && <div className="hint">{v.modelType}</div>}
              </th>
              <td>
                <span className={`badge ${v.status === 'READY' ? 'completed' : v.status === 'FAILED_REGISTRATION' ? 'failed' : 'running'}`}>
                  {v.status.toLowerCase().replace('_', ' ')}
                </span>
              </td>
              <td>
                {v.aliases.length ? (
                  v.aliases.map((a) => (
                    <span key={a} className="badge alias">
                      @{a}
                    </span>
                  ))
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              <td>{formatTime(v.createdAt)}</td>
              <td>
                <CacheCell name={model.name} version={v} actions={actions} />
              </td>
              <td className="num">{v.serving?.requests ?? 0}</td>
              <td className="num">{formatErrors(v.serving?.errors ?? 0, v.serving?.requests ?? 0)}</td>
              <td className="num">{formatMs(v.serving?.p50Ms)}</td>
              <td className="num">{formatMs(v.serving?.p99Ms)}</td>
              <td>
                {v.status === 'READY' && (
                  <Link
                    to={`/predict?model=${encodeURIComponent(model.name)}&version=${encodeURIComponent(v.version)}`}
                    aria-label={`Predict with v${v.version}`}
                  >
                    Predict
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function CacheCell({ name, version: v, actions }: { name: string; version: VersionDetail; actions: ModelActions }) {
  const base = `/api/models/${encodeURIComponent(name)}/versions/${encodeURIComponent(v.version)}`;
  const label = v.loaded ? `unload-${v.version}` : `load-${v.version}`;
  const busy = actions.busy === label;
  return (
    <div className="cache-cell">
      {v.loaded ? <span className="badge up">loaded</span> : <span className="badge">not loaded</span>}
      {v.status === 'READY' &&
        (v.loaded ? (
          <button
            type="button"
            className="secondary small"
            disabled={actions.busy !== undefined}
            aria-label={`Unload v${v.version}`}
            onClick={() =>
              void actions.run(
                label,
                () => sendJson<EvictAnswer>('DELETE', `${base}/cache`),
                () => `v${v.version} is out of the serving cache: its next prediction loads it again.`,
              )
            }
          >
            {busy ? 'Unloading…' : 'Unload'}
          </button>
        ) : (
          <button
            type="button"
            className="secondary small"
            disabled={actions.busy !== undefined}
            aria-label={`Load v${v.version}`}
            onClick={() =>
              void actions.run(
                label,
                () => sendJson<PreloadAnswer>('POST', `${base}/load`),
                (a) => (a.alreadyLoaded ? `v${v.version} was loaded already.` : `v${v.version} is loaded (${formatMs(a.loadMs)}).`),
              )
            }
          >
            {busy ? 'Loading…' : 'Load'}
          </button>
        ))}
    </div>
  );
}
