/**
 * "Train again": the dataset trained once more, with another family or other hyperparameters, without a
 * re-upload (`POST /api/datasets/:id/train`); on success, the job's page.
 */
import { useId, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DatasetDetail, JobStatus, ModelSpec, TrainDatasetRequest } from '@sdk/types';
import { sendJson } from '../../api/client';
import { ErrorBanner } from '../../components/Status';
import { initialTexts, paramFields, validateParams, type ParamTexts } from '../../lib/specs/spec-form';
import { ParamInputs } from './ParamInputs';
import { defaultTarget, familyFor, problemTypeOf } from '../../lib/datasets/target';
import { TargetSelect } from './TargetSelect';

export function TrainAgainForm({ dataset, specs }: { dataset: DatasetDetail; specs: readonly ModelSpec[] }) {
  const id = useId();
  const navigate = useNavigate();
  const columnOf = (name: string) => dataset.columns.find((c) => c.name === name);
  const [target, setTarget] = useState(() => defaultTarget(dataset.columns));
  const [modelType, setModelType] = useState(() => familyFor(specs, problemTypeOf(columnOf(target)), specs[0]?.key ?? ''));
  const spec = specs.find((s) => s.key === modelType);
  const fields = useMemo(() => (spec ? paramFields(spec) : []), [spec]);
  const [texts, setTexts] = useState<ParamTexts>(() => initialTexts(fields));
  const [modelName, setModelName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const pickFamily = (key: string) => {
    setModelType(key);
    const next = specs.find((s) => s.key === key);
    setTexts(next ? initialTexts(paramFields(next)) : {});
    setErrors({});
  };

  const pickTarget = (name: string) => {
    setTarget(name);
    const family = familyFor(specs, problemTypeOf(columnOf(name)), modelType);
    if (family !== modelType) pickFamily(family);
  };

  const submit = async () => {
    const check = validateParams(fields, texts);
    setErrors(check.errors);
    if (!check.ok || !spec) return;
    const body: TrainDatasetRequest = { target, modelType: spec.key, params: check.params };
    if (modelName.trim()) body.modelName = modelName.trim();
    setSending(true);
    setFailure(undefined);
    try {
      const job = await sendJson<JobStatus>('POST', `/api/datasets/${encodeURIComponent(dataset.datasetId)}/train`, { json: body });
      void navigate(`/jobs/${encodeURIComponent(job.trackingId)}`);
    } catch (error) {
      setFailure(error);
      setSending(false);
    }
  };

  return (
    <form
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-title`}>Train again</h2>
      <p className="hint">Another family or other hyperparameters on the same stored file: no upload.</p>
      <div className="row">
        <TargetSelect columns={dataset.columns} value={target} onChange={pickTarget} />
        <div className="field">
          <label htmlFor={`${id}-family`}>Model family</label>
          <select id={`${id}-family`} value={modelType} onChange={(e) => pickFamily(e.target.value)} aria-describedby={`${id}-family-hint`}>
            {specs.map((s) => (
              <option key={s.key} value={s.key}>
                {s.key}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>Model name</label>
          <input id={`${id}-name`} value={modelName} placeholder="from the filename" onChange={(e) => setModelName(e.target.value)} />
        </div>
      </div>
      <p id={`${id}-family-hint`} className="hint">
        {spec && `${spec.problemType}: ${spec.description}`}
      </p>
      <fieldset>
        <legend>Hyperparameters</legend>
        <ParamInputs fields={fields} texts={texts} errors={errors} onChange={(name, text) => setTexts({ ...texts, [name]: text })} />
      </fieldset>
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          Fix the marked hyperparameters first.
        </p>
      )}
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
      <button type="submit" disabled={sending || !spec}>
        {sending ? 'Starting…' : 'Train'}
      </button>
    </form>
  );
}
