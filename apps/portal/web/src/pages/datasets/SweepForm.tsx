/**
 * "Start a sweep": families × a grid of hyperparameter values, ranked by a validation metric, optionally with an
 * alias for the winner (`POST /api/datasets/:id/sweeps`); on success, the sweep's leaderboard.
 */
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import type { DatasetDetail, ModelSpec, Sweep } from '@sdk/types';
import { sendJson } from '../../api/client';
import { ErrorBanner } from '../../components/Status';
import { buildSweepRequest, gridFields, MAX_COMBINATIONS, metricsFor, SWEEP_METRICS } from '../../lib/datasets/sweep-grid';
import { defaultTarget, familyFor, problemTypeOf } from '../../lib/datasets/target';
import { toText } from '../../lib/specs/spec-form';
import { TargetSelect } from './TargetSelect';

export function SweepForm({ dataset, specs }: { dataset: DatasetDetail; specs: readonly ModelSpec[] }) {
  const id = useId();
  const navigate = useNavigate();
  const [target, setTarget] = useState(() => defaultTarget(dataset.columns));
  const suggested = problemTypeOf(dataset.columns.find((c) => c.name === target));
  const [modelTypes, setModelTypes] = useState<string[]>(() => [familyFor(specs, suggested, specs[0]?.key ?? '')]);
  const [grid, setGrid] = useState<Record<string, string>>({});
  const [metric, setMetric] = useState(() => metricsFor(suggested)[0]);
  const [modelName, setModelName] = useState('');
  const [promoteAlias, setPromoteAlias] = useState('');
  const [tried, setTried] = useState(false);
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<unknown>();

  const chosen = specs.filter((s) => modelTypes.includes(s.key));
  const problemType = chosen[0]?.problemType ?? suggested;
  const build = buildSweepRequest({ target, modelTypes, grid, metric, modelName, promoteAlias }, specs);
  const errors = !build.ok && tried ? build.errors : {};
  const fields = gridFields(chosen);

  const toggle = (key: string, on: boolean) => {
    const next = on ? [...modelTypes, key] : modelTypes.filter((k) => k !== key);
    setModelTypes(next);
    const type = specs.find((s) => s.key === next[0])?.problemType;
    if (type && SWEEP_METRICS[metric]?.problemType !== type) setMetric(metricsFor(type)[0]);
  };
  const pickTarget = (name: string) => {
    setTarget(name);
    const type = problemTypeOf(dataset.columns.find((c) => c.name === name));
    if (type !== problemType) {
      setModelTypes([familyFor(specs, type, modelTypes[0] ?? '')]);
      setMetric(metricsFor(type)[0]);
    }
  };

  const submit = async () => {
    setTried(true);
    if (!build.ok) return;
    setSending(true);
    setFailure(undefined);
    try {
      const sweep = await sendJson<Sweep>('POST', `/api/datasets/${encodeURIComponent(dataset.datasetId)}/sweeps`, { json: build.request });
      void navigate(`/sweeps/${encodeURIComponent(sweep.sweepId)}`);
    } catch (error) {
      setFailure(error);
      setSending(false);
    }
  };

  const fieldError = (name: string) =>
    errors[name] ? (
      <div className="field-error" id={`${id}-${name}-error`}>
        {errors[name]}
      </div>
    ) : null;

  return (
    <form
      aria-labelledby={`${id}-title`}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id={`${id}-title`}>Start a sweep</h2>
      <p className="hint">One training per family and combination of values, spread over the trainers, ranked by a validation metric.</p>
      <div className="row">
        <TargetSelect columns={dataset.columns} value={target} onChange={pickTarget} />
        <div className="field">
          <label htmlFor={`${id}-metric`}>Rank by</label>
          <select
            id={`${id}-metric`}
            value={metric}
            onChange={(e) => setMetric(e.target.value)}
            aria-invalid={errors.metric ? true : undefined}
          >
            {metricsFor(problemType).map((m) => (
              <option key={m} value={m}>
                {m} ({SWEEP_METRICS[m].direction === 'max' ? 'higher' : 'lower'} is better)
              </option>
            ))}
          </select>
          {fieldError('metric')}
        </div>
      </div>
      <fieldset aria-invalid={errors.modelTypes ? true : undefined}>
        <legend>Model families</legend>
        <div className="checks">
          {specs.map((s) => (
            <label key={s.key} className="check">
              <input type="checkbox" checked={modelTypes.includes(s.key)} onChange={(e) => toggle(s.key, e.target.checked)} />
              {s.key} <span className="muted">({s.problemType})</span>
            </label>
          ))}
        </div>
        {fieldError('modelTypes')}
      </fieldset>
      <fieldset>
        <legend>Grid</legend>
        <p className="hint">Values separated by commas, e.g. 0.01, 0.1. One value sets it for every training; empty keeps the default.</p>
        <div className="grid">
          {fields.map((f) => (
            <div key={f.name} className="field">
              <label htmlFor={`${id}-grid-${f.name}`}>{f.name}</label>
              <input
                id={`${id}-grid-${f.name}`}
                value={grid[f.name] ?? ''}
                placeholder={f.kind === 'enum' ? f.values?.join(', ') : `default ${toText(f, f.defaultValue)}`}
                aria-invalid={errors[f.name] ? true : undefined}
                aria-describedby={`${id}-grid-${f.name}-hint`}
                onChange={(e) => setGrid({ ...grid, [f.name]: e.target.value })}
              />
              {fieldError(f.name) ?? (
                <div className="hint" id={`${id}-grid-${f.name}-hint`}>
                  {f.families.length < chosen.length ? `only ${f.families.join(', ')}` : f.description}
                </div>
              )}
            </div>
          ))}
        </div>
      </fieldset>
      <div className="row">
        <div className="field">
          <label htmlFor={`${id}-name`}>Model name</label>
          <input id={`${id}-name`} value={modelName} placeholder="from the filename" onChange={(e) => setModelName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-alias`}>Alias for the winner (optional)</label>
          <input
            id={`${id}-alias`}
            value={promoteAlias}
            placeholder="e.g. champion"
            aria-invalid={errors.promoteAlias ? true : undefined}
            onChange={(e) => setPromoteAlias(e.target.value)}
          />
          {fieldError('promoteAlias')}
        </div>
      </div>
      <p className={build.combinations > MAX_COMBINATIONS ? 'field-error' : 'muted'} role="status">
        {build.combinations} training{build.combinations === 1 ? '' : 's'} (at most {MAX_COMBINATIONS})
      </p>
      {fieldError('grid')}
      {tried && !build.ok && (
        <p className="field-error" role="alert">
          Fix the marked fields first.
        </p>
      )}
      <ErrorBanner error={failure} onDismiss={() => setFailure(undefined)} />
      <button type="submit" disabled={sending}>
        {sending ? 'Starting…' : 'Start sweep'}
      </button>
    </form>
  );
}
