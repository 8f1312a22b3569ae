/**
 * The Jobs table's rows: one page of the history (`GET /api/model-train/jobs`, newest first) kept live by the
 * all-jobs status stream. Each `status` event is merged into the visible page under the page's filter, so the
 * table never reloads and no stream is opened per row.
 */
import type { JobHistoryPage, JobStatus, JobStatusName } from '@sdk/types';

export type JobRow = JobHistoryPage['items'][number] & {
  /** The job changed since the page was read and no longer matches the filter: shown dimmed until the next read. */
  outOfFilter?: boolean;
};

export const JOB_STATUSES: JobStatusName[] = ['pending', 'running', 'completed', 'failed', 'cancelled'];
export const PAGE_SIZE = 50;

/** What the table shows: the filter and the page, both kept in the address's query. */
export interface JobsFilter {
  status?: JobStatusName;
  /** A model family (the history's `modelType`, e.g. logistic_regression). */
  model?: string;
  page: number;
}

const isStatus = (value: string | null): value is JobStatusName => JOB_STATUSES.includes(value as JobStatusName);

/** The filter a query string names (unknown statuses and bad page numbers fall back to none and 1). */
export function filterFromQuery(query: URLSearchParams): JobsFilter {
  const status = query.get('status');
  const model = query.get('model')?.trim();
  const page = Number(query.get('page'));
  return {
    ...(isStatus(status) ? { status } : {}),
    ...(model ? { model } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The query string of a filter (page 1 and empty fields left out). */
export function queryFromFilter(filter: JobsFilter): URLSearchParams {
  const query = new URLSearchParams();
  if (filter.status) query.set('status', filter.status);
  if (filter.model) query.set('model', filter.model);
  if (filter.page > 1) query.set('page', String(filter.page));
  return query;
}

/** The history API's query for a filter. */
export function historyQuery(filter: JobsFilter): Record<string, string | number> {
  return {
    page: filter.page,
    pageSize: PAGE_SIZE,
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.model ? { modelType: filter.model } : {}),
  };
}

export function matchesFilter(job: Pick<JobRow, 'status' | 'modelType'>, filter: JobsFilter): boolean {
  return (!filter.status || job.status === filter.status) && (!filter.model || job.modelType === filter.model);
}

/** A live status view as a table row (fields the status view lacks come from the row it updates, if any). */
export function rowFromStatus(view: JobStatus, before?: JobRow): JobRow {
  return {
    trackingId: view.trackingId,
    filename: view.filename ?? before?.filename ?? null,
    modelName: view.modelName ?? before?.modelName ?? null,
    modelType: view.modelType ?? before?.modelType ?? null,
    status: view.status,
    progress: view.progress,
    stage: view.stage ?? null,
    version: before?.version ?? null,
    modelId: view.modelId ?? before?.modelId ?? null,
    error: view.error,
    createdAt: view.createdAt ?? before?.createdAt,
    startedAt: view.startedAt ?? before?.startedAt ?? null,
    finishedAt: view.finishedAt ?? before?.finishedAt ?? null,
    datasetId: view.datasetId ?? before?.datasetId ?? null,
    sweepId: view.sweepId ?? before?.sweepId ?? null,
  };
}

export interface VisiblePage {
  rows: JobRow[];
  total: number;
}

const newerFirst = (a: JobRow, b: JobRow) => Date.parse(b.createdAt) - Date.parse(a.createdAt);

/**
 * One status event merged into the visible page. A row on the page is updated in place (and marked when it
 * left the filter, rather than vanishing under the user's pointer). A job not on the page that matches the
 * filter is counted, and on page 1 it is shown in its place by creation time when that place is on the page
 * (a new job lands at the top). An ended job stays ended whatever order events come in. Unchanged input is returned as is, so React skips the render.
 */
export function mergeStatus(page: VisiblePage, view: JobStatus, filter: JobsFilter, pageSize = PAGE_SIZE): VisiblePage {
  const at = page.rows.findIndex((r) => r.trackingId === view.trackingId);
  if (at >= 0) {
    const before = page.rows[at];
    // A job's end is final: an older event (buffered while the page was read) must not bring it back to life.
    if (!isUnfinished(before) && isUnfinished(view)) return page;
    const row = rowFromStatus(view, before);
    const outOfFilter = !matchesFilter(row, filter);
    const next: JobRow = outOfFilter ? { ...row, outOfFilter } : row;
    if (sameRow(before, next)) return page;
    const rows = page.rows.slice();
    rows[at] = next;
    return { rows, total: page.total };
  }
  const row = rowFromStatus(view);
  if (!matchesFilter(row, filter)) return page;
  const total = page.total + 1;
  if (filter.page !== 1) return { rows: page.rows, total };
  const last = page.rows[page.rows.length - 1];
  const fits = page.rows.length < pageSize || !last || Date.parse(row.createdAt) >= Date.parse(last.createdAt);
  if (!fits) return { rows: page.rows, total };
  const rows = [row, ...page.rows].sort(newerFirst).slice(0, pageSize);
  return { rows, total };
}

const FIELDS: (keyof JobRow)[] = [
  'status',
  'progress',
  'stage',
  'modelType',
  'modelName',
  'filename',
  'modelId',
  'error',
  'startedAt',
  'finishedAt',
  'outOfFilter',
];

function sameRow(a: JobRow, b: JobRow): boolean {
  return FIELDS.every((f) => a[f] === b[f]);
}

/** Whether a job may still be cancelled (the cancel API answers `already_final` for the others). */
export const isUnfinished = (row: Pick<JobRow, 'status'>): boolean => row.status === 'pending' || row.status === 'running';

/** The number of pages for a total (at least one). */
export const pageCount = (total: number, pageSize = PAGE_SIZE): number => Math.max(1, Math.ceil(total / pageSize));
