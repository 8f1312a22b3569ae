/**
 * One JSON resource of the API for the Models and Predict pages: the answer, the error, `reload()`. A reload
 * keeps the answer on screen until the new one arrives; a new path starts afresh; a request still running when
 * the path changes or the page goes is aborted.
 */
import { useCallback, useEffect, useState } from 'react';
import { getJson } from '../../api/client';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

interface Loaded<T> {
  path: string | undefined;
  data?: T;
  error?: unknown;
}

export function useResource<T>(path: string | undefined): Resource<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ path: undefined });
  const [tick, setTick] = useState(0);

  useEffect(() => {
    if (path === undefined) return;
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
    loading: path !== undefined && (!current || (loaded.data === undefined && loaded.error === undefined)),
    reload,
  };
}
