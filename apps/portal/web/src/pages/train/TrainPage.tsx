/**
 * Page 1, Train: a CSV (previewed in the browser) or a stored dataset, the target, the model family and its
 * hyperparameters (a form generated from GET /api/model-specs), the model name; then a chunked upload with
 * progress (or POST /api/datasets/:id/train) and on to the job's page. An interrupted upload is offered for resume.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { NotFoundError } from '@sdk/errors';
import type { JobStatus, ModelSpec } from '@sdk/types';
import { getJson, sendJson } from '../../api/client';
import { ErrorBanner, Loading } from '../../components/Status';
import { defaultModelName, modelNameError } from '../../lib/specs/model-name';
import { checkField, defaultFamily, paramFields, textsForFamily, validateParams, type ParamTexts } from '../../lib/specs/spec-form';
import { suggestedProblem } from '../../lib/upload/csv-preview';
import { fileMismatch, type UploadState } from '../../lib/upload/resume-state';
import { CsvPreviewTable } from './CsvPreviewTable';
import { DatasetSource, FileSource, sourceTable, type Source } from './DataSource';
import { ResumeBanner } from './ResumeBanner';
import { TrainSettings, type SettingsValue } from './TrainSettings';
import { UploadProgress } from './UploadProgress';
import { forgetUpload, savedUpload, useChunkedUpload } from './useChunkedUpload';
import './train.css';

export default function TrainPage() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const initialDataset = search.get('dataset') ?? undefined;
  const [mode, setMode] = useState<'file' | 'dataset'>(initialDataset ? 'dataset' : 'file');
  const [source, setSource] = useState<Source>();
  const [specs, setSpecs] = useState<ModelSpec[]>();
  const [specsError, setSpecsError] = useState<unknown>();
  const [target, setTarget] = useState('');
  const [chosenFamily, setChosenFamily] = useState<string>();
  const [edited, setEdited] = useState<ParamTexts>({});
  const [modelName, setModelName] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<UploadState | undefined>(savedUpload);
  const upload = useChunkedUpload();

  useEffect(() => {
    const abort = new AbortController();
    getJson<ModelSpec[]>('/api/model-specs', { signal: abort.signal }).then(
      setSpecs,
      (e: unknown) => abort.signal.aborted || setSpecsError(e),
    );
    return () => abort.abort();
  }, []);

  const onSource = useCallback((s: Source | undefined) => {
    setSource(s);
    const names = s ? sourceTable(s).columns.map((c) => c.name) : [];
    setTarget(names[names.length - 1] ?? '');
    setErrors({});
  }, []);

  const table = useMemo(() => source && sourceTable(source), [source]);
  const header = table?.columns.map((c) => c.name) ?? [];
  const targetIndex = header.indexOf(target);
  const suggested = table
    ? suggestedProblem(
        table.columns[targetIndex],
        table.rows.map((r) => r[targetIndex] ?? undefined),
      )
    : 'classification';
  const modelType = chosenFamily ?? (specs && defaultFamily(specs, suggested)) ?? '';
  const spec = specs?.find((s) => s.key === modelType);
  const fields = useMemo(() => (spec ? paramFields(spec) : []), [spec]);
  const texts = textsForFamily(fields, edited);
  const filename = source?.kind === 'file' ? source.file.name : (source?.dataset.filename ?? 'data.csv');

  const goToJob = (trackingId: string) => navigate(`/jobs/${encodeURIComponent(trackingId)}`);

  const fail = (e: unknown) => {
    setError(e);
    setBusy(false);
    setSaved(savedUpload());
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!source || !spec) return;
    const check = validateParams(fields, texts);
    const nameError = modelNameError(modelName);
    const all = { ...check.errors, ...(nameError ? { modelName: nameError } : {}) };
    setErrors(all);
    const firstBad = Object.keys(all)[0];
    if (firstBad) {
      document.getElementById(firstBad === 'modelName' ? 'modelName' : `param-${firstBad}`)?.focus();
      return;
    }
    const settings = { target, modelType, params: check.params, modelName: modelName.trim() || undefined };
    setError(undefined);
    setBusy(true);
    if (source.kind === 'dataset') {
      sendJson<JobStatus>('POST', `/api/datasets/${encodeURIComponent(source.dataset.datasetId)}/train`, { json: settings })
        .then((job) => goToJob(job.trackingId))
        .catch(fail);
    } else {
      forgetUpload();
      setSaved(undefined);
      upload.run(source.file, settings).then(goToJob, fail);
    }
  };

  const resume = (file: File) => {
    if (!saved) return;
    const mismatch = fileMismatch(saved, file);
    if (mismatch) return setError(new Error(mismatch));
    setError(undefined);
    setBusy(true);
    upload.run(file, saved.settings, saved).then(goToJob, (e: unknown) => {
      if (e instanceof NotFoundError) {
        forgetUpload();
        return fail(new Error(`The server no longer has upload ${saved.trackingId} (${e.message}). Start a new upload.`));
      }
      fail(e);
    });
  };

  const onSettings = (patch: Partial<SettingsValue>) => {
    if (patch.target !== undefined) setTarget(patch.target);
    if (patch.modelType !== undefined) setChosenFamily(patch.modelType);
    if (patch.modelName !== undefined) setModelName(patch.modelName);
  };

  // a field marked wrong is checked again as it is edited, so its message goes once it is right
  const onParam = (name: string, text: string) => {
    setEdited((t) => ({ ...t, [name]: text }));
    const field = fields.find((f) => f.name === name);
    if (!field || !errors[name]) return;
    const check = checkField(field, text);
    setErrors(({ [name]: _, ...rest }) => (check.ok ? rest : { ...rest, [name]: check.error }));
  };

  const atHand = source?.kind === 'file' ? source.file : undefined;
  return (
    <div className="train-page">
      <h1>Train a model</h1>
      {saved && !busy && (
        <ResumeBanner
          saved={saved}
          sameFileAtHand={!!atHand && !fileMismatch(saved, atHand)}
          onFile={resume}
          onResumeAtHand={() => atHand && resume(atHand)}
          onDiscard={() => {
            forgetUpload();
            setSaved(undefined);
          }}
        />
      )}
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      <form onSubmit={onSubmit} noValidate aria-label="Training">
        <fieldset className="source" disabled={busy}>
          <legend>Data</legend>
          <div className="row" role="radiogroup" aria-label="Where the data comes from">
            <label className="inline">
              <input type="radio" name="mode" checked={mode === 'file'} onChange={() => (setMode('file'), onSource(undefined))} /> Upload a
              CSV
            </label>
            <label className="inline">
              <input type="radio" name="mode" checked={mode === 'dataset'} onChange={() => (setMode('dataset'), onSource(undefined))} /> A
              stored dataset
            </label>
          </div>
          {mode === 'file' ? <FileSource onSource={onSource} /> : <DatasetSource initialId={initialDataset} onSource={onSource} />}
          {source?.kind === 'file' &&
            source.preview.warnings.map((w) => (
              <p key={w} className="hint warn">
                {w}
              </p>
            ))}
        </fieldset>
        {table && <CsvPreviewTable columns={table.columns} rows={table.rows} target={target} caption={table.caption} />}
        {specsError ? <ErrorBanner error={specsError} /> : !specs && <Loading label="Loading the model families…" />}
        {table && specs && (
          <TrainSettings
            header={header}
            specs={specs}
            fields={fields}
            value={{ target, modelType, texts, modelName }}
            errors={errors}
            suggested={suggested}
            defaultName={defaultModelName(filename)}
            disabled={busy}
            onChange={onSettings}
            onParam={onParam}
          />
        )}
        <div className="row">
          <button type="submit" disabled={!source || !spec || busy}>
            {source?.kind === 'dataset' ? 'Train' : 'Upload and train'}
          </button>
          {Object.keys(errors).length > 0 && (
            <span className="field-error" role="alert">
              Fix the {Object.keys(errors).length === 1 ? 'field' : `${Object.keys(errors).length} fields`} marked above.
            </span>
          )}
          {!source && <span className="hint">Pick a CSV or a dataset first.</span>}
        </div>
      </form>
      {upload.progress && <UploadProgress progress={upload.progress} onStop={busy ? upload.cancel : undefined} />}
    </div>
  );
}
