/**
 * The form of one model version, generated from its signature: a number input per numeric column, a select of
 * the training levels per categorical one (with an empty choice where training had missing values). Values are
 * checked per field before anything is sent; the answer shows under the form.
 */
import { useId, useMemo, useState } from 'react';
import { sendJson } from '../../api/client';
import { ErrorBanner } from '../../components/Status';
import { refPath, type ModelRef } from '../../lib/models/model-ref';
import { fieldError, formFields, initialValues, toFeatureRow, type FormField, type FormValues } from '../../lib/models/signature-form';
import type { PredictResult, VersionSignature } from '../../lib/models/types';
import { PredictionView } from './PredictionView';

export function PredictForm({ modelRef, version }: { modelRef: ModelRef; version: VersionSignature }) {
  const fields = useMemo(() => formFields(version.signature), [version.signature]);
  const [values, setValues] = useState<FormValues>(() => initialValues(fields));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [answer, setAnswer] = useState<PredictResult>();
  const [error, setError] = useState<unknown>();
  const [sending, setSending] = useState(false);
  const id = useId();

  const submit = async () => {
    // number inputs holding text the browser cannot read as a number report '' (not a blank to send as missing)
    const unreadable = new Set(fields.filter((f, i) => inputAt(`${id}-${i}`)?.validity.badInput).map((f) => f.name));
    const built = toFeatureRow(fields, values, unreadable);
    if (!built.ok) {
      setErrors(built.errors);
      document.getElementById(`${id}-${fields.findIndex((f) => built.errors[f.name])}`)?.focus();
      return;
    }
    setErrors({});
    setError(undefined);
    setSending(true);
    try {
      setAnswer(await sendJson<PredictResult>('POST', `${refPath(modelRef)}/predict`, { json: { features: [built.row] } }));
    } catch (e) {
      setAnswer(undefined);
      setError(e);
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <form
        className="predict-form"
        noValidate
        aria-label={`Features for ${modelRef.name} v${version.version}`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {fields.length === 0 && <p className="empty">This model takes no input columns.</p>}
        <div className="grid">
          {fields.map((field, i) => (
            <Field
              key={field.name}
              id={`${id}-${i}`}
              field={field}
              value={values[field.name] ?? ''}
              error={errors[field.name]}
              onChange={(value, bad) => {
                setValues((prev) => ({ ...prev, [field.name]: value }));
                if (errors[field.name]) setErrors((prev) => withError(prev, field.name, fieldError(field, value, bad)));
              }}
            />
          ))}
        </div>
        <div className="row actions">
          <button type="submit" disabled={sending}>
            {sending ? 'Predicting…' : 'Predict'}
          </button>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setValues(initialValues(fields));
              setErrors({});
              setAnswer(undefined);
            }}
          >
            Clear
          </button>
          {Object.keys(errors).length > 0 && (
            <span className="field-error" role="alert">
              Fix the {Object.keys(errors).length === 1 ? 'field' : `${Object.keys(errors).length} fields`} marked above.
            </span>
          )}
        </div>
      </form>
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      {answer && <PredictionView answer={answer} />}
    </>
  );
}

function withError(errors: Record<string, string>, name: string, problem: string | null): Record<string, string> {
  const next = { ...errors };
  if (problem) next[name] = problem;
  else delete next[name];
  return next;
}

function inputAt(id: string): HTMLInputElement | undefined {
  const element = document.getElementById(id);
  return element instanceof HTMLInputElement ? element : undefined;
}

interface FieldProps {
  id: string;
  field: FormField;
  value: string;
  error?: string;
  onChange: (value: string, unreadable: boolean) => void;
}

function Field({ id, field, value, error, onChange }: FieldProps) {
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, 'aria-required': !field.nullable };
  return (
    <div className="field">
      <label htmlFor={id}>{field.name}</label>
      {field.input === 'select' ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value, false)}>
          {field.nullable && <option value="">(blank)</option>}
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type={field.input === 'number' ? 'number' : 'text'}
          step={field.input === 'number' ? 'any' : undefined}
          autoComplete="off"
          value={value}
          placeholder={field.nullable ? 'blank = missing' : undefined}
          onChange={(e) => onChange(e.target.value, e.target.validity.badInput)}
        />
      )}
      <div id={`${id}-hint`} className="hint">
        {field.hint}
      </div>
      {error && (
        <div id={`${id}-error`} className="field-error">
          {error}
        </div>
      )}
    </div>
  );
}
