/** The status and model-family filters of the Jobs table (each change goes to page 1). */
import type { JobStatusName } from '@sdk/types';
import { useId } from 'react';
import { JOB_STATUSES, JobsFilter } from '../../lib/jobs/job-rows';

export function JobsFilterBar({
  filter,
  models,
  onChange,
}: {
  filter: JobsFilter;
  models: string[];
  onChange: (next: JobsFilter) => void;
}) {
  const statusId = useId();
  const modelId = useId();
  return (
    <div className="jobs-filters" role="search" aria-label="Filter the jobs">
      <div>
        <label htmlFor={statusId}>Status</label>
        <select
          id={statusId}
          value={filter.status ?? ''}
          onChange={(e) => onChange({ ...filter, status: (e.target.value || undefined) as JobStatusName | undefined, page: 1 })}
        >
          <option value="">Any status</option>
          {JOB_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={modelId}>Model family</label>
        <select
          id={modelId}
          value={filter.model ?? ''}
          onChange={(e) => onChange({ ...filter, model: e.target.value || undefined, page: 1 })}
        >
          <option value="">Any model</option>
          {models.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </div>
      {(filter.status || filter.model) && (
        <button type="button" className="secondary" onClick={() => onChange({ page: 1 })}>
          Clear filters
        </button>
      )}
    </div>
  );
}
