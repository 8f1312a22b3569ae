/** The hyperparameter inputs generated from a model family's rules (lib/specs/spec-form). */
import { fieldHint, inputStep, type ParamField, type ParamTexts } from '../../lib/specs/spec-form';

export function ParamFields({
  fields,
  texts,
  errors,
  onChange,
  disabled,
}: {
  fields: ParamField[];
  texts: ParamTexts;
  errors: Record<string, string>;
  onChange: (name: string, text: string) => void;
  disabled?: boolean;
}) {
  return (
    <div className="grid params">
      {fields.map((f) => {
        const id = `param-${f.name}`;
        const error = errors[f.name];
        const common = {
          id,
          name: f.name,
          disabled,
          value: texts[f.name] ?? '',
          'aria-invalid': error ? ('true' as const) : undefined,
          'aria-describedby': `${id}-hint${error ? ` ${id}-error` : ''}`,
        };
        return (
          <div key={f.name} className="param">
            <label htmlFor={id}>{f.name}</label>
            {f.kind === 'enum' ? (
              <select {...common} onChange={(e) => onChange(f.name, e.target.value)}>
                {f.values?.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
            ) : f.kind === 'integer' || f.kind === 'number' ? (
              <input
                {...common}
                type="number"
                inputMode="decimal"
                step={inputStep(f)}
                min={f.min}
                max={f.max}
                onChange={(e) => onChange(f.name, e.target.value)}
              />
            ) : (
              <input {...common} type="text" onChange={(e) => onChange(f.name, e.target.value)} />
            )}
            <span id={`${id}-hint`} className="hint">
              {fieldHint(f)}
            </span>
            {error && (
              <span id={`${id}-error`} className="field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
    </div>
  );
}
