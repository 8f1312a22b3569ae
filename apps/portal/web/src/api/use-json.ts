/**
 * A JSON resource of the API for a page: the answer, the error, and `reload()`. A reload keeps the answer shown
 * until the new one arrives (no flash of "Loading…" while a leaderboard refreshes); a new path starts afresh.
 * A request still running when the path changes or the page goes is aborted.
 */
import { useCallback, useEffect, useState } from 'react';
import { getJson } from './client';

export interface JsonResource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  path: string | null | undefined;
  data?: T;
  error?: unknown;
}

export function useJson<T>(path: string | null | undefined): JsonResource<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ path: null });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === null || path === undefined) return;
    const controller = new AbortController();
    getJson<T>(path, { signal: controller.signal }).then(
      (data) => setLoaded({ path, data }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded((prev) => ({ path, data: prev.path === path ? prev.data : undefined, error }));
      },
    );
    return () => controller.abort();
  }, [path, tick]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const current = loaded.path === path;
  return {
    data: current ? loaded.data : undefined,
    error: current ? loaded.error : undefined,
    loading: path !== null && path !== undefined && (!current || (loaded.data === undefined && loaded.error === undefined)),
    reload,
  };
}

/** A path with its query string; undefined and empty values are left out. */
export function withQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}
