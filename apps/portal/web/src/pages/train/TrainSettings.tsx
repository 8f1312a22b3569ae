/** The training settings: target (from the header), model family (GET /api/model-specs), its hyperparameters, model name. */
import type { ModelSpec } from '@sdk/types';
import type { ParamField, ParamTexts } from '../../lib/specs/spec-form';
import { ParamFields } from './ParamFields';

export interface SettingsValue {
  target: string;
  modelType: string;
  texts: ParamTexts;
  modelName: string;
}

export function TrainSettings({
  header,
  specs,
  fields,
  value,
  errors,
  suggested,
  defaultName,
  disabled,
  onChange,
  onParam,
}: {
  header: string[];
  specs: ModelSpec[];
  fields: ParamField[];
  value: SettingsValue;
  errors: Record<string, string>;
  suggested: 'classification' | 'regression';
  defaultName: string;
  disabled?: boolean;
  onChange: (patch: Partial<SettingsValue>) => void;
  onParam: (name: string, text: string) => void;
}) {
  const spec = specs.find((s) => s.key === value.modelType);
  const groups = (['classification', 'regression'] as const).map((p) => [p, specs.filter((s) => s.problemType === p)] as const);
  return (
    <>
      <div className="row settings-row">
        <div>
          <label htmlFor="target">Target column</label>
          <select id="target" value={value.target} disabled={disabled} onChange={(e) => onChange({ target: e.target.value })}>
            {header.map((h) => (
              <option key={h}>{h}</option>
            ))}
          </select>
          <p className="hint">It looks like {suggested === 'classification' ? 'a classification' : 'a regression'} target.</p>
        </div>
        <div>
          <label htmlFor="modelType">Model family</label>
          <select
            id="modelType"
            value={value.modelType}
            disabled={disabled}
            aria-describedby="modelType-hint"
            onChange={(e) => onChange({ modelType: e.target.value })}
          >
            {groups.map(([problem, list]) =>
              list.length === 0 ? null : (
                <optgroup key={problem} label={problem}>
                  {list.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.key}
                    </option>
                  ))}
                </optgroup>
              ),
            )}
          </select>
          <p id="modelType-hint" className="hint">
            {spec?.description}
            {spec && spec.problemType !== suggested && ` — note: a ${spec.problemType} family for what looks like a ${suggested} target.`}
          </p>
        </div>
        <div>
          <label htmlFor="modelName">Model name</label>
          <input
            id="modelName"
            value={value.modelName}
            placeholder={defaultName}
            disabled={disabled}
            maxLength={100}
            aria-invalid={errors.modelName ? 'true' : undefined}
            aria-describedby={errors.modelName ? 'modelName-error' : undefined}
            onChange={(e) => onChange({ modelName: e.target.value })}
          />
          {errors.modelName ? (
            <span id="modelName-error" className="field-error">
              {errors.modelName}
            </span>
          ) : (
            <p className="hint">Blank: {defaultName}</p>
          )}
        </div>
      </div>
      <fieldset className="params-set" disabled={disabled}>
        <legend>Hyperparameters of {value.modelType || 'the family'}</legend>
        <ParamFields fields={fields} texts={value.texts} errors={errors} onChange={onParam} />
      </fieldset>
    </>
  );
}
