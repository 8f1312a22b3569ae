/**
 * A job, live: its status from the per-job SSE stream (the current state first, then each change; it ends after
 * a final status; reconnected with backoff if it drops) and its history (transitions, per-epoch metrics,
 * settings, result), fetched again whenever the status shows a new epoch, stage or status — one fetch at a
 * time, and again shortly while the history (a projection, a moment behind) has not caught up with the status.
 */
import { useEffect, useRef, useState } from 'react';
import { NotFoundError } from '@sdk/errors';
import { sleep } from '@sdk/retry';
import { isFinal, type JobHistoryDetail, type JobStatus } from '@sdk/types';
import { getJson, stream } from '../../api/client';
import { noteStage } from './job-view';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'ended';

/** How long a trackingId that is not found yet may still appear (a job just requested). */
const NOT_FOUND_GRACE_MS = 5_000;

const lastEpoch = (h: JobHistoryDetail) => h.epochs.reduce((m, e) => Math.max(m, e.epoch), 0);

/** Use it in a component keyed by the trackingId (a new job is a new component). */
export function useJob(trackingId: string) {
  const [status, setStatus] = useState<JobStatus>();
  const [history, setHistory] = useState<JobHistoryDetail>();
  const [error, setError] = useState<unknown>();
  const [historyError, setHistoryError] = useState<unknown>();
  const [streamState, setStreamState] = useState<StreamState>('connecting');
  const [seen, setSeen] = useState<Record<string, string>>({});
  const statusRef = useRef<JobStatus | undefined>(undefined);
  const refreshHistory = useRef<() => void>(() => undefined);

  useEffect(() => {
    const abort = new AbortController();
    const since = Date.now();
    void (async () => {
      let final = false;
      for (let attempt = 0; !abort.signal.aborted && !final; attempt++) {
        try {
          await stream(
            `/api/model-train/${encodeURIComponent(trackingId)}/events`,
            (event) => {
              if (event.event !== 'status') return;
              const s = JSON.parse(event.data) as JobStatus;
              statusRef.current = s;
              setStatus(s);
              setSeen((x) => noteStage(x, s));
              setStreamState('live');
              setError(undefined);
              attempt = 0;
              if (isFinal(s.status)) final = true;
            },
            { signal: abort.signal },
          );
        } catch (e) {
          if (abort.signal.aborted) return;
          if (e instanceof NotFoundError && Date.now() - since > NOT_FOUND_GRACE_MS) return setError(e);
          if (!(e instanceof NotFoundError)) setError(e);
        }
        if (final) break;
        setStreamState('reconnecting');
        await sleep(Math.min(10_000, 500 * 2 ** attempt), abort.signal).catch(() => undefined);
      }
      if (!abort.signal.aborted) setStreamState('ended');
    })();
    return () => abort.abort();
  }, [trackingId]);

  // the history: one fetch at a time; a request during a fetch runs again once it is done
  useEffect(() => {
    const abort = new AbortController();
    const signal = abort.signal;
    const l = { running: false, again: false, tries: 0 };
    const load = async (): Promise<void> => {
      if (l.running) return void (l.again = true);
      l.running = true;
      try {
        const h = await getJson<JobHistoryDetail>(`/api/model-train/jobs/${encodeURIComponent(trackingId)}`, { signal });
        setHistory(h);
        setHistoryError(undefined);
        const s = statusRef.current;
        const behind =
          !!s && ((isFinal(s.status) && h.status !== s.status) || (s.epoch ?? 0) > lastEpoch(h) || (s.status === 'completed' && !h.result));
        if (!behind) l.tries = 0;
        else if (l.tries++ < 30) l.again = true;
      } catch (e) {
        if (signal.aborted) return;
        if (e instanceof NotFoundError && l.tries++ < 30) l.again = true;
        else setHistoryError(e);
      } finally {
        l.running = false;
      }
      if (l.again && !signal.aborted) {
        l.again = false;
        await sleep(500, signal).catch(() => undefined);
        if (!signal.aborted) await load();
      }
    };
    refreshHistory.current = () => void load();
    return () => abort.abort();
  }, [trackingId]);

  const key = `${status?.status}|${status?.stage}|${status?.epoch}`;
  useEffect(() => refreshHistory.current(), [key]);

  return { status, history, error, historyError, streamState, seen, setStatus };
}
