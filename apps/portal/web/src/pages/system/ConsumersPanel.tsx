/** Trainer instances and consumer lag per group and topic (`GET /api/ops/consumers`), every 5 s. */
import { getJson } from '../../api/client';
import { Empty, ErrorBanner } from '../../components/Status';
import { ConsumersAnswer, summarizeConsumers } from './consumer-lag';
import { usePolling } from './usePolling';

const load = (signal: AbortSignal) => getJson<ConsumersAnswer>('/api/ops/consumers', { signal, retry: false, timeoutMs: 10_000 });

export function ConsumersPanel() {
  const { data, error } = usePolling(load, 5000);
  const summary = data && summarizeConsumers(data);
  return (
    <>
      <h2 id="trainers-title">Trainer instances</h2>
      <ErrorBanner error={error} />
      {!summary ? (
        !error && (
          <p className="muted" role="status">
            Reading the consumer groups…
          </p>
        )
      ) : summary.trainers.length === 0 ? (
        <Empty>No trainer is running: start one (./scripts/run.sh starts the apps) or training requests wait in Kafka.</Empty>
      ) : (
        <ul className="trainers" aria-labelledby="trainers-title">
          {summary.trainers.map((t) => (
            <li key={t.memberId} data-trainer={t.memberId}>
              <strong>{t.clientId}</strong> <span className="muted">at {t.host}</span>
              <div className="hint member-id" title={t.memberId}>
                {t.memberId}
              </div>
              <div className="hint">reads {t.partitions}</div>
            </li>
          ))}
        </ul>
      )}
      <h2 id="lag-title">
        Consumer lag{summary && <span className="muted"> · {summary.totalLag.toLocaleString('en')} messages behind in all</span>}
      </h2>
      {summary && summary.rows.length === 0 && <Empty>No consumer group reads this namespace&apos;s topics yet.</Empty>}
      {summary && summary.rows.length > 0 && (
        <div className="table-wrap">
          <table aria-labelledby="lag-title" className="lag-table">
            <thead>
              <tr>
                <th scope="col">Group</th>
                <th scope="col">State</th>
                <th scope="col" className="num">
                  Members
                </th>
                <th scope="col">Topic</th>
                <th scope="col" className="num">
                  Lag
                </th>
                <th scope="col" className="num">
                  Partitions behind
                </th>
              </tr>
            </thead>
            <tbody>
              {summary.rows.map((r) => (
                <tr key={`${r.groupId} ${r.topic}`} className={r.lag > 0 ? 'behind' : undefined}>
                  <td>{r.groupId}</td>
                  <td>{r.state}</td>
                  <td className="num">{r.members}</td>
                  <td>{r.topic}</td>
                  <td className="num">{r.lag.toLocaleString('en')}</td>
                  <td className="num">
                    {r.behind} of {r.partitions}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
