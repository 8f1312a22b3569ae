/**
 * The first page of jobs, asked for as soon as this chunk loads rather than once React has shown the page:
 * React holds a lazy page back (it shows its fallback for at least ~300 ms), and the read runs meanwhile.
 * Taken once, by the page's first read, when it asks for the same filter; otherwise it is dropped.
 */
import type { JobHistoryPage } from '@sdk/types';
import { getJson } from '../../api/client';
import { filterFromQuery, historyQuery, JobsFilter, queryFromFilter } from '../../lib/jobs/job-rows';

export const readPage = (filter: JobsFilter, signal?: AbortSignal): Promise<JobHistoryPage> =>
  getJson<JobHistoryPage>('/api/model-train/jobs', { query: historyQuery(filter), signal });

function start(): { key: string; answer: Promise<JobHistoryPage> } | undefined {
  if (typeof window === 'undefined' || window.location.pathname !== '/jobs') return undefined;
  const filter = filterFromQuery(new URLSearchParams(window.location.search));
  const answer = readPage(filter);
  answer.catch(() => undefined); // the page reports the error when it takes the answer; unused, it is dropped
  return { key: queryFromFilter(filter).toString(), answer };
}

let early = start();

/** The early read for this filter key, once; undefined when there is none or it was for another filter. */
export function takeFirstRead(key: string): Promise<JobHistoryPage> | undefined {
  const found = early?.key === key ? early.answer : undefined;
  early = undefined;
  return found;
}
