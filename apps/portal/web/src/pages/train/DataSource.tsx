/**
 * Where the training data comes from: a CSV the person drops or picks (previewed from its first 64 KB in the
 * browser) or a dataset already stored (GET /api/datasets, its profile and first rows from GET /api/datasets/:id).
 */
import { useEffect, useState } from 'react';
import { MAX_FILE_BYTES } from '@sdk/chunking';
import type { DatasetDetail, DatasetList } from '@sdk/types';
import { getJson } from '../../api/client';
import { Empty, ErrorBanner, Loading } from '../../components/Status';
import { PREVIEW_BYTES, previewCsv, type CsvPreview, type PreviewColumn } from '../../lib/upload/csv-preview';
import { formatBytes } from '../../lib/upload/upload-speed';
import { FilePicker } from './FilePicker';

export type Source = { kind: 'file'; file: File; preview: CsvPreview } | { kind: 'dataset'; dataset: DatasetDetail };

/** The columns and first rows of a source, the same shape for both kinds. */
export function sourceTable(source: Source): { columns: PreviewColumn[]; rows: (string | null)[][]; caption: string } {
  if (source.kind === 'file') {
    const p = source.preview;
    return {
      columns: p.columns,
      rows: p.rows,
      caption: `${source.file.name} · ${formatBytes(source.file.size)} · first ${p.rows.length} rows (types and missing counted over ${p.rowsRead} rows)`,
    };
  }
  const d = source.dataset;
  return {
    columns: d.columns.map((c) => ({ name: c.name, type: c.type, missing: c.missing, distinct: c.distinct })),
    rows: d.preview.rows,
    caption: `${d.filename} · ${formatBytes(d.size)} · ${d.rows} rows (types and missing counted over all of them)`,
  };
}

/** Reads the start of a file and previews it; throws what the person should fix. */
export async function previewFile(file: File): Promise<CsvPreview> {
  if (file.size > MAX_FILE_BYTES) {
    throw new Error(
      `${file.name} is ${formatBytes(file.size)}; the platform takes files of at most ${formatBytes(MAX_FILE_BYTES)}. Split it or sample it.`,
    );
  }
  if (file.size === 0) throw new Error(`${file.name} is empty: pick a CSV with a header row and data rows.`);
  const text = await file.slice(0, PREVIEW_BYTES).text();
  return previewCsv(text, { truncated: file.size > PREVIEW_BYTES });
}

export function FileSource({ onSource, disabled }: { onSource: (s: Source | undefined) => void; disabled?: boolean }) {
  const [error, setError] = useState<unknown>();
  return (
    <>
      <FilePicker
        label="CSV file"
        hint={`Drop a CSV here or pick one (at most ${formatBytes(MAX_FILE_BYTES)}; the first row names the columns).`}
        disabled={disabled}
        onFile={(file) => {
          setError(undefined);
          previewFile(file).then(
            (preview) => onSource({ kind: 'file', file, preview }),
            (e: unknown) => {
              setError(e);
              onSource(undefined);
            },
          );
        }}
      />
      <ErrorBanner error={error} />
    </>
  );
}

export function DatasetSource({
  initialId,
  onSource,
  disabled,
}: {
  initialId?: string;
  onSource: (s: Source | undefined) => void;
  disabled?: boolean;
}) {
  const [list, setList] = useState<DatasetList>();
  const [selected, setSelected] = useState(initialId ?? '');
  const [loaded, setLoaded] = useState<string>();
  const [error, setError] = useState<unknown>();
  const loading = !!selected && loaded !== selected;

  useEffect(() => {
    const abort = new AbortController();
    getJson<DatasetList>('/api/datasets', { query: { limit: 200 }, signal: abort.signal }).then(
      setList,
      (e: unknown) => abort.signal.aborted || setError(e),
    );
    return () => abort.abort();
  }, []);

  useEffect(() => {
    if (!selected) return;
    const abort = new AbortController();
    getJson<DatasetDetail>(`/api/datasets/${encodeURIComponent(selected)}`, { signal: abort.signal })
      .then((dataset) => onSource({ kind: 'dataset', dataset }))
      .catch((e: unknown) => abort.signal.aborted || setError(e))
      .finally(() => abort.signal.aborted || setLoaded(selected));
    return () => abort.abort();
  }, [selected, onSource]);

  const choose = (id: string) => {
    setError(undefined);
    setSelected(id);
    onSource(undefined);
  };

  if (!list && !error) return <Loading label="Loading the datasets…" />;
  return (
    <>
      <ErrorBanner error={error} />
      {list && list.items.length === 0 ? (
        <Empty>No dataset is stored yet: upload a CSV instead.</Empty>
      ) : (
        list && (
          <>
            <label htmlFor="dataset">Dataset</label>
            <select id="dataset" value={selected} disabled={disabled} onChange={(e) => choose(e.target.value)}>
              <option value="">Choose a stored dataset…</option>
              {list.items.map((d) => (
                <option key={d.datasetId} value={d.datasetId}>
                  {d.filename} · {d.rows} rows · {formatBytes(d.size)} · {new Date(d.createdAt).toLocaleString()}
                </option>
              ))}
            </select>
          </>
        )
      )}
      {loading && <Loading label="Loading the dataset…" />}
    </>
  );
}
