/**
 * The portal's pages and their addresses. `/` (Train) is in the first bundle, so its first render waits for
 * no second request; every other page is its own chunk, loaded when first visited.
 */
import { lazy, Suspense } from 'react';
import { BrowserRouter, NavLink, Route, Routes } from 'react-router';
import { ApiKeyButton } from './components/ApiKeyButton';
import { Loading } from './components/Status';
import TrainPage from './pages/train/TrainPage';

const JobsPage = lazy(() => import('./pages/jobs/JobsPage'));
const JobPage = lazy(() => import('./pages/job/JobPage'));
const ModelsPage = lazy(() => import('./pages/models/ModelsPage'));
const PredictPage = lazy(() => import('./pages/predict/PredictPage'));
const DatasetsPage = lazy(() => import('./pages/datasets/DatasetsPage'));
const DatasetPage = lazy(() => import('./pages/datasets/DatasetPage'));
const SweepPage = lazy(() => import('./pages/datasets/SweepPage'));
const SystemPage = lazy(() => import('./pages/system/SystemPage'));

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
      <header className="topbar">
        <span className="brand">modelstream</span>
        <nav aria-label="Pages">
          {NAV.map(([to, label]) => (
            <NavLink key={to} to={to} end={to === '/'}>
              {label}
            </NavLink>
          ))}
        </nav>
        <ApiKeyButton />
      </header>
      <main>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<TrainPage />} />
            <Route path="/jobs" element={<JobsPage />} />
            <Route path="/jobs/:trackingId" element={<JobPage />} />
            <Route path="/models" element={<ModelsPage />} />
            <Route path="/predict" element={<PredictPage />} />
            <Route path="/datasets" element={<DatasetsPage />} />
            <Route path="/datasets/:datasetId" element={<DatasetPage />} />
            <Route path="/sweeps/:sweepId" element={<SweepPage />} />
            <Route path="/system" element={<SystemPage />} />
            <Route path="*" element={<p role="alert">No page here. Pick one above.</p>} />
          </Routes>
        </Suspense>
      </main>
    </BrowserRouter>
  );
}
