/**
 * Jobs: one page of the job history (newest first, filtered by status and model family; filter and page in the
 * address), kept live by the one all-jobs stream, with several jobs cancelled at once.
 */
import type { JobStatus, ModelSpec } from '@sdk/types';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { getJson } from '../../api/client';
import { ErrorBanner, Loading } from '../../components/Status';
import { filterFromQuery, JobsFilter, mergeStatus, queryFromFilter, VisiblePage } from '../../lib/jobs/job-rows';
import { CancelOutcomes, CancelResult } from './CancelOutcomes';
import { readPage, takeFirstRead } from './first-read';
import { JobsFilterBar } from './JobsFilterBar';
import { JobsTable } from './JobsTable';
import { Pager } from './Pager';
import { StreamBadge } from './StreamBadge';
import { useAllJobsStream } from './useAllJobsStream';
import './jobs.css';

/** Events kept while a page is being read, then applied to it (the newest per job). */
const MAX_BUFFERED = 5000;

export default function JobsPage() {
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromQuery(params), [params]);
  const filterKey = queryFromFilter(filter).toString();
  const [visible, setVisible] = useState<VisiblePage | undefined>();
  const [settled, setSettled] = useState<string>();
  const [error, setError] = useState<unknown>();
  const [reload, setReload] = useState(0);
  /** The read the table waits for; `settled` names the last one answered (or failed). */
  const request = `${filterKey}#${reload}`;
  /** A new filter's rows are awaited (a re-read of the same filter is quiet: its rows stay as they are). */
  const busy = settled?.slice(0, settled.lastIndexOf('#')) !== filterKey;
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [outcomes, setOutcomes] = useState<CancelResult[] | undefined>();
  const [families, setFamilies] = useState<string[]>([]);

  const filterRef = useRef<JobsFilter>(filter);
  const reading = useRef(true);
  const buffered = useRef(new Map<string, JobStatus>());
  /** The stream opened while a read was under way: read again once it answered (it may miss changes). */
  const readAgain = useRef(false);

  useEffect(() => {
    const abort = new AbortController();
    filterRef.current = filter;
    reading.current = true;
    buffered.current.clear();
    const read = (reload === 0 ? takeFirstRead(filterKey) : undefined) ?? readPage(filter, abort.signal);
    read
      .then((answer) => {
        if (abort.signal.aborted) return;
        let page: VisiblePage = { rows: answer.items, total: answer.total };
        for (const view of buffered.current.values()) page = mergeStatus(page, view, filter);
        buffered.current.clear();
        reading.current = false;
        setVisible(page);
        setError(undefined);
        setSettled(request);
        if (readAgain.current) {
          readAgain.current = false;
          setReload((n) => n + 1);
        }
      })
      .catch((e: unknown) => {
        if (abort.signal.aborted) return;
        reading.current = false;
        setError(e);
        setSettled(request);
      });
    return () => abort.abort();
    // `request` names the filter and the reload: a new object for the same filter must not read again
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [request]);

  useEffect(() => {
    const abort = new AbortController();
    getJson<ModelSpec[]>('/api/model-specs', { signal: abort.signal })
      .then((specs) => setFamilies(specs.map((s) => s.key).sort()))
      .catch(() => undefined); // the model filter then offers what the rows show
    return () => abort.abort();
  }, []);

  const onStatus = useCallback((view: JobStatus) => {
    if (reading.current) {
      if (buffered.current.size < MAX_BUFFERED || buffered.current.has(view.trackingId)) buffered.current.set(view.trackingId, view);
      return;
    }
    setVisible((page) => (page ? mergeStatus(page, view, filterRef.current) : page));
  }, []);
  const onOpen = useCallback(() => {
    if (reading.current) readAgain.current = true;
    else setReload((n) => n + 1);
  }, []);
  const stream = useAllJobsStream(onStatus, onOpen);

  const setFilter = (next: JobsFilter) => {
    setSelected(new Set());
    setOutcomes(undefined);
    setParams(queryFromFilter(next));
  };

  const rows = useMemo(() => visible?.rows ?? [], [visible]);
  const modelOptions = useMemo(() => {
    const all = new Set(families);
    for (const r of rows) if (r.modelType) all.add(r.modelType);
    if (filter.model) all.add(filter.model);
    return [...all].sort();
  }, [families, rows, filter.model]);

  return (
    <section className="jobs-page" aria-labelledby="jobs-title">
      <div className="jobs-head">
        <h1 id="jobs-title">Jobs</h1>
        <StreamBadge state={stream} />
      </div>
      <JobsFilterBar filter={filter} models={modelOptions} onChange={setFilter} />
      <ErrorBanner error={error} onDismiss={() => setError(undefined)} />
      {outcomes && <CancelOutcomes results={outcomes} onDismiss={() => setOutcomes(undefined)} />}
      {visible === undefined ? (
        busy && <Loading label="Loading the jobs…" />
      ) : (
        <>
          <JobsTable
            rows={rows}
            busy={busy}
            filtered={Boolean(filter.status || filter.model)}
            selected={selected}
            onSelect={setSelected}
            onCancelled={(results) => {
              setOutcomes(results);
              setSelected(new Set());
            }}
          />
          <Pager page={filter.page} total={visible.total} onPage={(page) => setFilter({ ...filter, page })} />
        </>
      )}
    </section>
  );
}
