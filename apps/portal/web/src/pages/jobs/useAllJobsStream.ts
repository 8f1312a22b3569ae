/**
 * The one stream of every job's changes (`GET /api/model-train/events`) for as long as the page is open: each
 * `status` event goes to `onStatus`. When the stream drops or is refused, it reconnects after a growing wait
 * (the state says when). `onOpen` runs each time the stream opens: changes made before it (while the page read
 * its rows, or while the stream was down) were not seen, so the page reads its rows again.
 */
import type { JobStatus } from '@sdk/types';
import { readSse } from '@sdk/sse';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { errorMessage } from '../../components/Status';
import { backoffMs } from '../../lib/jobs/format';

export type StreamState = { kind: 'connecting' } | { kind: 'live'; since: number } | { kind: 'waiting'; retryAt: number; error: string };

/** A connection that stayed open this long counts as healthy: the next drop waits the shortest time again. */
const HEALTHY_MS = 10_000;

export function useAllJobsStream(onStatus: (view: JobStatus) => void, onOpen: () => void): StreamState {
  const [state, setState] = useState<StreamState>({ kind: 'connecting' });
  const handlers = useRef({ onStatus, onOpen });
  useEffect(() => {
    handlers.current = { onStatus, onOpen };
  });

  useEffect(() => {
    const abort = new AbortController();
    const { signal } = abort;
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
      });

    const run = async () => {
      let attempt = 0;
      while (!signal.aborted) {
        setState({ kind: 'connecting' });
        let openedAt: number | undefined;
        let reason = 'the server closed the stream';
        try {
          const res = await api().send('GET', '/api/model-train/events', {
            accept: 'text/event-stream',
            timeoutMs: 0,
            retry: false,
            signal,
          });
          openedAt = Date.now();
          setState({ kind: 'live', since: openedAt });
          handlers.current.onOpen();
          if (res.body) {
            for await (const event of readSse(res.body)) {
              if (event.event !== 'status') continue;
              try {
                handlers.current.onStatus(JSON.parse(event.data) as JobStatus);
              } catch {
                /* an event that is not a status view is skipped, the stream goes on */
              }
            }
          }
        } catch (error) {
          if (signal.aborted) return;
          reason = errorMessage(error);
        }
        if (signal.aborted) return;
        attempt = openedAt !== undefined && Date.now() - openedAt >= HEALTHY_MS ? 0 : attempt + 1;
        const wait = backoffMs(attempt, Math.random());
        setState({ kind: 'waiting', retryAt: Date.now() + wait, error: reason });
        await sleep(wait);
      }
    };
    void run();
    return () => abort.abort();
  }, []);

  return state;
}
