import type { JobStatus } from '@sdk/types';
import { filterFromQuery, historyQuery, JobRow, mergeStatus, pageCount, queryFromFilter, VisiblePage } from './job-rows';

const T0 = Date.parse('2026-05-04T12:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function row(id: string, createdMinute: number, overrides: Partial<JobRow> = {}): JobRow {
  return {
    trackingId: id,
    filename: 'iris.csv',
    modelName: 'iris',
    modelType: 'logistic_regression',
    status: 'running',
    progress: 10,
    stage: 'training',
    version: 1,
    modelId: null,
    error: null,
    createdAt: at(createdMinute),
    startedAt: at(createdMinute),
    finishedAt: null,
    datasetId: 'ds-1',
    sweepId: null,
    ...overrides,
  };
}

function view(id: string, createdMinute: number, overrides: Partial<JobStatus> = {}): JobStatus {
  return {
    trackingId: id,
    status: 'running',
    progress: 50,
    result: null,
    error: null,
    modelId: null,
    stage: 'training',
    ownerId: 'legacy',
    modelType: 'logistic_regression',
    filename: 'iris.csv',
    cancelRequestedAt: null,
    createdAt: at(createdMinute),
    updatedAt: at(createdMinute + 1),
    requestedAt: at(createdMinute),
    startedAt: at(createdMinute),
    finishedAt: null,
    ...overrides,
  };
}

/** A page of `n` rows, newest first, created at minutes n..1. */
const pageOf = (n: number, total = n): VisiblePage => ({
  rows: Array.from({ length: n }, (_, i) => row(`job-${n - i}`, n - i)),
  total,
});

describe('the filter in the query string', () => {
  it('reads status, model and page, and ignores what is not valid', () => {
    expect(filterFromQuery(new URLSearchParams('status=running&model=mlp&page=3'))).toEqual({ status: 'running', model: 'mlp', page: 3 });
    expect(filterFromQuery(new URLSearchParams('status=bogus&page=-2&model=%20'))).toEqual({ page: 1 });
    expect(filterFromQuery(new URLSearchParams('page=1.5'))).toEqual({ page: 1 });
  });

  it('writes it back without defaults, and as the history API query', () => {
    expect(queryFromFilter({ status: 'failed', page: 1 }).toString()).toBe('status=failed');
    expect(queryFromFilter({ model: 'mlp', page: 4 }).toString()).toBe('model=mlp&page=4');
    expect(historyQuery({ status: 'failed', model: 'mlp', page: 2 })).toEqual({
      page: 2,
      pageSize: 50,
      status: 'failed',
      modelType: 'mlp',
    });
  });
});

describe('mergeStatus', () => {
  it('updates a visible row in place and keeps the total', () => {
    const page = pageOf(3);
    const next = mergeStatus(page, view('job-2', 2, { status: 'completed', progress: 100, stage: 'done', finishedAt: at(9) }), { page: 1 });
    expect(next.total).toBe(3);
    expect(next.rows.map((r) => r.trackingId)).toEqual(['job-3', 'job-2', 'job-1']);
    expect(next.rows[1]).toMatchObject({ status: 'completed', progress: 100, stage: 'done', finishedAt: at(9), version: 1 });
    expect(next.rows[0]).toBe(page.rows[0]);
  });

  it('returns the same page when the event changes nothing shown', () => {
    const page = pageOf(2);
    const same = view('job-1', 1, { progress: 10, stage: 'training', modelName: 'iris' });
    expect(mergeStatus(page, same, { page: 1 })).toBe(page);
  });

  it('puts a new job that matches the filter at the top of page 1, keeping the page size', () => {
    const page = pageOf(3, 120);
    const next = mergeStatus(page, view('new', 10), { page: 1 }, 3);
    expect(next.rows.map((r) => r.trackingId)).toEqual(['new', 'job-3', 'job-2']);
    expect(next.total).toBe(121);
  });

  it('counts a new job on later pages without showing it there', () => {
    const page = pageOf(3, 120);
    const next = mergeStatus(page, view('new', 10), { page: 2 }, 3);
    expect(next.rows).toBe(page.rows);
    expect(next.total).toBe(121);
  });

  it('leaves out a job that does not match the filter', () => {
    const page = pageOf(2);
    expect(mergeStatus(page, view('new', 10, { status: 'pending' }), { status: 'running', page: 1 })).toBe(page);
    expect(mergeStatus(page, view('new', 10, { modelType: 'mlp' }), { model: 'random_forest', page: 1 })).toBe(page);
  });

  it('marks a visible row that left the filter instead of removing it', () => {
    const page = pageOf(2);
    const next = mergeStatus(page, view('job-1', 1, { status: 'cancelled', stage: null }), { status: 'running', page: 1 });
    expect(next.rows).toHaveLength(2);
    expect(next.rows[1]).toMatchObject({ status: 'cancelled', outOfFilter: true });
  });

  it('shows a job that entered the filter in its place by creation time on page 1', () => {
    const page = { rows: [row('a', 30), row('c', 10)], total: 2 };
    const next = mergeStatus(page, view('b', 20), { status: 'running', page: 1 }, 50);
    expect(next.rows.map((r) => r.trackingId)).toEqual(['a', 'b', 'c']);
  });

  it('does not show an older job that falls below a full page 1', () => {
    const page = pageOf(3, 10);
    const next = mergeStatus(page, view('old', -5), { page: 1 }, 3);
    expect(next.rows).toBe(page.rows);
    expect(next.total).toBe(11);
  });

  it('keeps an ended job ended when an older event arrives after it', () => {
    const page = { rows: [row('x', 1, { status: 'cancelled', stage: null, finishedAt: at(3) })], total: 1 };
    expect(mergeStatus(page, view('x', 1, { status: 'running' }), { page: 1 })).toBe(page);
  });

  it('adds a job once, then updates it', () => {
    let page: VisiblePage = { rows: [], total: 0 };
    page = mergeStatus(page, view('x', 1, { status: 'pending', stage: 'queued' }), { page: 1 });
    page = mergeStatus(page, view('x', 1, { status: 'running' }), { page: 1 });
    expect(page.total).toBe(1);
    expect(page.rows).toEqual([expect.objectContaining({ trackingId: 'x', status: 'running' })]);
  });
});

describe('pageCount', () => {
  it('is at least one and rounds up', () => {
    expect(pageCount(0)).toBe(1);
    expect(pageCount(50)).toBe(1);
    expect(pageCount(5001)).toBe(101);
  });
});
