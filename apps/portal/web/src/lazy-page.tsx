/**
 * A page loaded on demand that can also be loaded before the first render. React holds a suspended page back
 * for at least 300 ms after its fallback shows; a page whose code is already here renders at once instead.
 */
import { lazy, type ComponentType } from 'react';

export interface LazyPage {
  (): React.JSX.Element;
  /** Loads the page's chunk; once it resolved, the page renders without suspending. */
  preload: () => Promise<void>;
}

export function lazyPage(load: () => Promise<{ default: ComponentType }>): LazyPage {
  let loaded: ComponentType | undefined;
  let loading: Promise<{ default: ComponentType }> | undefined;
  const fetchOnce = () =>
    (loading ??= load().then((module) => {
      loaded = module.default;
      return module;
    }));
  const Suspending = lazy(fetchOnce);
  const Page = () => {
    const Loaded = loaded;
    return Loaded ? <Loaded /> : <Suspending />;
  };
  Page.preload = () => fetchOnce().then(() => undefined);
  return Page;
}
