/** The hyperparameter inputs of one model family, generated from its rules (lib/specs/spec-form). */
import { useId } from 'react';
import { fieldHint, inputStep, type ParamField, type ParamTexts } from '../../lib/specs/spec-form';

export function ParamInputs({
  fields,
  texts,
  errors,
  onChange,
}: {
  fields: readonly ParamField[];
  texts: ParamTexts;
  errors: Readonly<Record<string, string>>;
  onChange: (name: string, text: string) => void;
}) {
  const id = useId();
  return (
    <div className="grid">
      {fields.map((field) => {
        const inputId = `${id}-${field.name}`;
        const error = errors[field.name];
        const common = {
          id: inputId,
          'aria-invalid': error ? true : undefined,
          'aria-describedby': `${inputId}-hint`,
        } as const;
        return (
          <div key={field.name} className="field">
            <label htmlFor={inputId}>{field.name}</label>
            {field.kind === 'enum' ? (
              <select {...common} value={texts[field.name] ?? ''} onChange={(e) => onChange(field.name, e.target.value)}>
                {field.values?.map((v) => (
                  <option key={v}>{v}</option>
                ))}
              </select>
            ) : (
              <input
                {...common}
                type={field.kind === 'integer' || field.kind === 'number' ? 'number' : 'text'}
                step={field.kind === 'integer' || field.kind === 'number' ? inputStep(field) : undefined}
                inputMode={field.kind === 'int-list' ? 'numeric' : undefined}
                value={texts[field.name] ?? ''}
                onChange={(e) => onChange(field.name, e.target.value)}
              />
            )}
            <div id={`${inputId}-hint`} className={error ? 'field-error' : 'hint'}>
              {error ?? fieldHint(field)}
            </div>
          </div>
        );
      })}
    </div>
  );
}
