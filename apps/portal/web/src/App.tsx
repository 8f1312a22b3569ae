/**
 * The portal's pages and their addresses. `/` (Train) is in the first bundle, so its first render waits for
 * no second request; every other page is its own chunk, loaded when first visited — or, for the page the
 * browser opens on, before the first render (`preloadPage`), so no loading state flashes.
 */
import { Suspense } from 'react';
import { BrowserRouter, matchPath, NavLink, Route, Routes } from 'react-router';
import { AccessGate, SignedIn } from './components/AccessGate';
import { Loading } from './components/Status';
import { lazyPage, type LazyPage } from './lazy-page';
import TrainPage from './pages/train/TrainPage';

const JobsPage = lazyPage(() => import('./pages/jobs/JobsPage'));
const JobPage = lazyPage(() => import('./pages/job/JobPage'));
const ModelsPage = lazyPage(() => import('./pages/models/ModelsPage'));
const PredictPage = lazyPage(() => import('./pages/predict/PredictPage'));
const DatasetsPage = lazyPage(() => import('./pages/datasets/DatasetsPage'));
const DatasetPage = lazyPage(() => import('./pages/datasets/DatasetPage'));
const SweepPage = lazyPage(() => import('./pages/datasets/SweepPage'));
const SystemPage = lazyPage(() => import('./pages/system/SystemPage'));

const ROUTES: [string, LazyPage][] = [
  ['/jobs', JobsPage],
  ['/jobs/:trackingId', JobPage],
  ['/models', ModelsPage],
  ['/predict', PredictPage],
  ['/datasets', DatasetsPage],
  ['/datasets/:datasetId', DatasetPage],
  ['/sweeps/:sweepId', SweepPage],
  ['/system', SystemPage],
];

/** Loads the code of the page at `pathname` (nothing for `/`, already here); never rejects. */
export function preloadPage(pathname: string): Promise<void> {
  const page = ROUTES.find(([path]) => matchPath(path, pathname))?.[1];
  return page ? page.preload().catch(() => undefined) : Promise.resolve();
}

const NAV: [string, string][] = [
  ['/', 'Train'],
  ['/jobs', 'Jobs'],
  ['/models', 'Models'],
  ['/predict', 'Predict'],
  ['/datasets', 'Datasets'],
  ['/system', 'System'],
];

export function App() {
  return (
    <BrowserRouter>
      <AccessGate>
        <header className="topbar">
          <span className="brand">modelstream</span>
          <nav aria-label="Pages">
            {NAV.map(([to, label]) => (
              <NavLink key={to} to={to} end={to === '/'}>
                {label}
              </NavLink>
            ))}
          </nav>
          <SignedIn />
        </header>
        <main>
          <Suspense fallback={<Loading />}>
            <Routes>
              <Route path="/" element={<TrainPage />} />
              {ROUTES.map(([path, Page]) => (
                <Route key={path} path={path} element={<Page />} />
              ))}
              <Route path="*" element={<p role="alert">No page here. Pick one above.</p>} />
            </Routes>
          </Suspense>
        </main>
      </AccessGate>
    </BrowserRouter>
  );
}
