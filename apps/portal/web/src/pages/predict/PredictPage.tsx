/**
 * `/predict?model=<name>&version=<v>` (or `&alias=<a>`): pick a model and a version or alias, fill the form its
 * signature makes and read the answer; or run a batch prediction over a CSV and download the results.
 */
import { Link, useSearchParams } from 'react-router';
import { Empty, ErrorBanner, Loading } from '../../components/Status';
import { refFromQuery, refLabel, refPath, refQuery, type ModelRef } from '../../lib/models/model-ref';
import type { ModelList, VersionSignature } from '../../lib/models/types';
import { useJson } from '../../api/use-json';
import { BatchPanel } from './BatchPanel';
import { defaultRef, ModelPicker } from './ModelPicker';
import { PredictForm } from './PredictForm';
import './predict.css';

export default function PredictPage() {
  const [search, setSearch] = useSearchParams();
  const models = useJson<ModelList>('/api/models');
  const asked = refFromQuery(search);
  // "latest" (or no version) becomes the latest READY version's number, so the page says which one answers
  const listed = models.data?.models.find((m) => m.name === asked?.name);
  const ref: ModelRef | undefined = asked?.version === 'latest' && listed ? defaultRef(listed) : asked;
  const choose = (next: ModelRef | undefined) => setSearch(next ? new URLSearchParams(refQuery(next)) : new URLSearchParams());

  return (
    <section className="predict">
      <h1>Predict</h1>
      <ErrorBanner error={models.error} onDismiss={models.reload} />
      {models.loading && <Loading label="Loading models…" />}
      {models.data && models.data.models.length === 0 && (
        <Empty>
          No registered models yet. <Link to="/">Train one on the Train page</Link>, then predict with it here.
        </Empty>
      )}
      {models.data && models.data.models.length > 0 && (
        <form className="picker-form" onSubmit={(e) => e.preventDefault()} aria-label="Model to predict with">
          <ModelPicker models={models.data.models} current={ref} onChange={choose} />
          {ref && (
            <p className="hint">
              <Link to={`/models?name=${encodeURIComponent(ref.name)}`}>{ref.name} on the Models page</Link> (versions, metrics, aliases)
            </p>
          )}
        </form>
      )}
      {models.data && ref && !listed && (
        <p className="error" role="alert">
          No registered model is named &quot;{ref.name}&quot;. Pick one above or check the link.
        </p>
      )}
      {ref && listed && <ModelForms modelRef={ref} />}
    </section>
  );
}

function ModelForms({ modelRef }: { modelRef: ModelRef }) {
  const path = refPath(modelRef);
  const { data, error, loading, reload } = useJson<VersionSignature>(path);
  return (
    <>
      <ErrorBanner error={error} onDismiss={reload} />
      {loading && <Loading label={`Loading the signature of ${refLabel(modelRef)}…`} />}
      {data && (
        <>
          <p className="version-line">
            <strong>{refLabel(modelRef)}</strong>
            {modelRef.alias !== undefined && <> → v{data.version}</>} · {data.modelType ?? 'model'} · {data.problemType} of{' '}
            <strong>{data.target}</strong>
            {data.runUrl && (
              <>
                {' '}
                ·{' '}
                <a href={data.runUrl} target="_blank" rel="noreferrer">
                  MLflow run
                </a>
              </>
            )}
            {data.trackingId && (
              <>
                {' '}
                · <Link to={`/jobs/${encodeURIComponent(data.trackingId)}`}>training job</Link>
              </>
            )}
          </p>
          {data.status !== 'READY' && (
            <p className="error" role="alert">
              v{data.version} is {data.status.toLowerCase().replace('_', ' ')}: it cannot answer yet. Pick a READY version.
            </p>
          )}
          <h2>Features</h2>
          <p className="hint">
            One row of the columns the model was trained on. Blank fields are sent as missing values, imputed as in training.
          </p>
          <PredictForm key={`${path}#${data.version}`} modelRef={modelRef} version={data} />
          <BatchPanel key={path} modelRef={modelRef} problemType={data.problemType} />
        </>
      )}
    </>
  );
}
