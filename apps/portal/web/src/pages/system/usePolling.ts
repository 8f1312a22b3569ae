/**
 * Runs `load` now and again `everyMs` after each answer (never two at once), until the page closes; the
 * latest answer or error is kept. `refresh()` asks again at once.
 */
import { useCallback, useEffect, useRef, useState } from 'react';

export interface Polled<T> {
  data?: T;
  error?: unknown;
  /** When the last answer (or error) came. */
  at?: number;
  refresh: () => void;
}

export function usePolling<T>(load: (signal: AbortSignal) => Promise<T>, everyMs: number): Polled<T> {
  const [state, setState] = useState<Omit<Polled<T>, 'refresh'>>({});
  const loadRef = useRef(load);
  const kick = useRef<() => void>(() => undefined);
  useEffect(() => {
    loadRef.current = load;
  });

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let running = false;
    const tick = async () => {
      if (running || abort.signal.aborted) return;
      running = true;
      clearTimeout(timer);
      try {
        const data = await loadRef.current(abort.signal);
        if (!abort.signal.aborted) setState({ data, at: Date.now() });
      } catch (error) {
        if (!abort.signal.aborted) setState((s) => ({ data: s.data, error, at: Date.now() }));
      } finally {
        running = false;
        if (!abort.signal.aborted) timer = setTimeout(() => void tick(), everyMs);
      }
    };
    kick.current = () => void tick();
    void tick();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [everyMs]);

  const refresh = useCallback(() => kick.current(), []);
  return { ...state, refresh };
}
