/** The dead letters (`GET /api/dead-letters`) and republishing the chosen ones to where they came from. */
import type { components } from '@sdk/generated/ingest';
import { useState } from 'react';
import { getJson, sendJson } from '../../api/client';
import { Empty, ErrorBanner } from '../../components/Status';
import { formatTimestamp } from '../../lib/jobs/format';
import { usePolling } from './usePolling';

type DeadLetterList = components['schemas']['DeadLetterList'];
type DeadLetter = components['schemas']['DeadLetterView'];
type RepublishAnswer = components['schemas']['RepublishAnswer'];

const LIMIT = 100;
const refOf = (l: Pick<DeadLetter, 'partition' | 'offset'>) => `${l.partition}:${l.offset}`;
const load = (signal: AbortSignal) => getJson<DeadLetterList>('/api/dead-letters', { signal, query: { limit: LIMIT }, retry: false });

export function DeadLettersPanel() {
  const { data, error, refresh } = usePolling(load, 15_000);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>();
  const [done, setDone] = useState<RepublishAnswer['republished']>();
  const letters = data?.items ?? [];
  const chosen = letters.filter((l) => selected.has(refOf(l)));

  const toggle = (ref: string) => {
    const next = new Set(selected);
    if (next.has(ref)) next.delete(ref);
    else next.add(ref);
    setSelected(next);
  };
  const republish = async () => {
    setSending(true);
    setSendError(undefined);
    try {
      const answer = await sendJson<RepublishAnswer>('POST', '/api/dead-letters/republish', {
        json: { letters: chosen.map((l) => ({ partition: l.partition, offset: l.offset })) },
      });
      setDone(answer.republished);
      setSelected(new Set());
      refresh();
    } catch (e) {
      setSendError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <h2 id="dlq-title">Dead letters{data && <span className="muted"> · {data.total.toLocaleString('en')}</span>}</h2>
      <p className="hint">
        Messages a consumer gave up on. Republish writes a copy back to the topic it came from, once its cause is fixed.
      </p>
      <ErrorBanner error={error} />
      <ErrorBanner error={sendError} onDismiss={() => setSendError(undefined)} />
      {done && (
        <div className="card" role="status">
          Republished {done.length} {done.length === 1 ? 'letter' : 'letters'}:{' '}
          {done.map((r) => `${refOf(r)} → ${r.to.topic} [${r.to.partition}] @ ${r.to.offset}`).join(', ')}
          <button type="button" className="link" aria-label="Dismiss" onClick={() => setDone(undefined)}>
            ×
          </button>
        </div>
      )}
      {!data ? (
        !error && (
          <p className="muted" role="status">
            Reading the dead letters…
          </p>
        )
      ) : letters.length === 0 ? (
        <Empty>No dead letters: every message was handled.</Empty>
      ) : (
        <>
          <div className="jobs-toolbar">
            <button type="button" disabled={chosen.length === 0 || sending} onClick={() => void republish()}>
              {sending ? 'Republishing…' : `Republish selected (${chosen.length})`}
            </button>
            {data.total > letters.length && (
              <span className="hint">
                The oldest {letters.length} of {data.total} are shown.
              </span>
            )}
          </div>
          <div className="table-wrap">
            <table aria-labelledby="dlq-title" className="dlq-table">
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col">When</th>
                  <th scope="col">From</th>
                  <th scope="col">Event</th>
                  <th scope="col">Error</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                </tr>
              </thead>
              <tbody>
                {letters.map((l) => (
                  <tr key={refOf(l)} data-letter={refOf(l)}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`Select dead letter ${refOf(l)}`}
                        checked={selected.has(refOf(l))}
                        onChange={() => toggle(refOf(l))}
                      />
                    </td>
                    <td className="nowrap">{formatTimestamp(l.failedAt ?? l.timestamp)}</td>
                    <td>
                      {l.origin.topic ?? '—'}
                      {l.origin.partition !== null && <span className="muted"> [{l.origin.partition}]</span>}
                      {l.consumerGroup && <div className="hint">{l.consumerGroup}</div>}
                    </td>
                    <td>
                      {l.eventType ?? '—'}
                      {l.key && <div className="hint">{l.key}</div>}
                    </td>
                    <td className="dlq-error">{l.error ?? '—'}</td>
                    <td className="num">{l.attempts ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
