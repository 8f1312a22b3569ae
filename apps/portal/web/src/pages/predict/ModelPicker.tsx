/**
 * Which model answers: a registered model and one of its aliases or READY versions. The choice lives in the
 * address (`?model=churn&alias=champion`, `?model=churn&version=3`), so a link opens the same form.
 */
import { useId } from 'react';
import { refChoice, refFromChoice, type ModelRef } from '../../lib/models/model-ref';
import type { RegisteredModelView } from '../../lib/models/types';

interface Props {
  models: RegisteredModelView[];
  current: ModelRef | undefined;
  onChange: (ref: ModelRef | undefined) => void;
}

export function ModelPicker({ models, current, onChange }: Props) {
  const id = useId();
  const model = models.find((m) => m.name === current?.name);
  const ready = model?.versions.filter((v) => v.status === 'READY') ?? [];
  const aliases = Object.entries(model?.aliases ?? {}).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="row picker">
      <div>
        <label htmlFor={`${id}-model`}>Model</label>
        <select
          id={`${id}-model`}
          value={current?.name ?? ''}
          onChange={(e) => onChange(e.target.value ? defaultRef(models.find((m) => m.name === e.target.value)!) : undefined)}
        >
          <option value="">Choose a model…</option>
          {current && !model && <option value={current.name}>{current.name} (not registered)</option>}
          {models.map((m) => (
            <option key={m.name} value={m.name}>
              {m.name}
            </option>
          ))}
        </select>
      </div>
      {current && model && (
        <div>
          <label htmlFor={`${id}-version`}>Version or alias</label>
          <select id={`${id}-version`} value={refChoice(current)} onChange={(e) => onChange(refFromChoice(model.name, e.target.value))}>
            {aliases.length > 0 && (
              <optgroup label="Aliases">
                {aliases.map(([alias, version]) => (
                  <option key={alias} value={`a:${alias}`}>
                    @{alias} (v{version})
                  </option>
                ))}
              </optgroup>
            )}
            <optgroup label="Versions">
              {!ready.some((v) => refChoice(current) === `v:${v.version}`) && current.alias === undefined && (
                <option value={refChoice(current)}>{current.version === 'latest' ? 'latest' : `v${current.version} (not ready)`}</option>
              )}
              {ready.map((v) => (
                <option key={v.version} value={`v:${v.version}`}>
                  v{v.version}
                  {v.version === model.latestVersion ? ' (latest)' : ''}
                </option>
              ))}
            </optgroup>
          </select>
        </div>
      )}
    </div>
  );
}

/** A model's first choice: its latest READY version (by number, so the page says which one answered). */
export function defaultRef(model: RegisteredModelView): ModelRef {
  return { name: model.name, version: model.latestVersion ?? 'latest' };
}
