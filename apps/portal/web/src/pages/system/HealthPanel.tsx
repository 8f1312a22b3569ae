/** Each app's /health, through the portal, every 3 s: up or down, every check with its latency. */
import { apiKey } from '../../api/client';
import { errorMessage } from '../../components/Status';
import { formatDuration } from '../../lib/jobs/format';
import { AppHealthView, appHealth, AppName, APPS, HealthProbe } from './system-health';
import { usePolling } from './usePolling';

const EVERY_MS = 3000;
/** Longer than an app's own probe timeout (3 s), so a slow dependency shows as down rather than as no answer. */
const TIMEOUT_MS = 6000;

async function probe(app: AppName, signal: AbortSignal): Promise<HealthProbe> {
  const started = performance.now();
  try {
    const key = apiKey();
    const res = await fetch(`/health/${app}`, {
      signal: AbortSignal.any([signal, AbortSignal.timeout(TIMEOUT_MS)]),
      headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
      cache: 'no-store',
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      /* not JSON: kept as text, shown as no checks */
    }
    return { kind: 'answer', status: res.status, body, roundTripMs: performance.now() - started };
  } catch (error) {
    if (signal.aborted) throw error;
    const message =
      error instanceof DOMException && error.name === 'TimeoutError' ? `no answer within ${TIMEOUT_MS / 1000} s` : errorMessage(error);
    return { kind: 'error', message, roundTripMs: null };
  }
}

const loadAll = async (signal: AbortSignal): Promise<AppHealthView[]> => {
  const probes = await Promise.all(APPS.map((app) => probe(app, signal)));
  const at = Date.now();
  return probes.map((p, i) => appHealth(APPS[i], p, at));
};

export function HealthPanel() {
  const { data } = usePolling(loadAll, EVERY_MS);
  if (!data) {
    return (
      <p className="muted" role="status">
        Asking each app for its health…
      </p>
    );
  }
  return (
    <div className="health-grid">
      {data.map((h) => (
        <AppHealthCard key={h.app} health={h} />
      ))}
    </div>
  );
}

function AppHealthCard({ health }: { health: AppHealthView }) {
  const state = health.up ? 'up' : 'down';
  return (
    <article className={`card health-card ${state}`} aria-label={`${health.app} health`} data-app={health.app} data-state={state}>
      <header className="health-card-head">
        <h3>{health.app}</h3>
        <span className={`badge ${state}`}>{state}</span>
      </header>
      <p className="hint">
        {health.httpStatus !== null ? `HTTP ${health.httpStatus}` : 'no answer'}
        {health.roundTripMs !== null && ` · ${formatDuration(health.roundTripMs)}`} · checked{' '}
        {new Date(health.checkedAt).toLocaleTimeString('en-GB')}
      </p>
      {health.error && (
        <p className="field-error" role="alert">
          {health.error}
        </p>
      )}
      {health.checks.length > 0 && (
        <table className="health-checks" aria-label={`${health.app} checks`}>
          <thead>
            <tr>
              <th scope="col">Check</th>
              <th scope="col">State</th>
              <th scope="col">Latency</th>
            </tr>
          </thead>
          <tbody>
            {health.checks.map((c) => (
              <tr key={c.name} data-check={c.name} data-state={c.up ? 'up' : 'down'}>
                <td>
                  {c.name}
                  {c.message && <div className="field-error">{c.message}</div>}
                </td>
                <td>
                  <span className={`badge ${c.up ? 'up' : 'down'}`}>{c.up ? 'up' : 'down'}</span>
                </td>
                <td className="num">{c.latencyMs === null ? '—' : `${c.latencyMs} ms`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
