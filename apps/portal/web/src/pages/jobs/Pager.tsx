/** Previous/next through the pages of jobs, with where we are and how many match. */
import { PAGE_SIZE, pageCount } from '../../lib/jobs/job-rows';

export function Pager({ page, total, onPage }: { page: number; total: number; onPage: (page: number) => void }) {
  const pages = pageCount(total);
  const first = total === 0 ? 0 : (page - 1) * PAGE_SIZE + 1;
  const last = Math.min(total, page * PAGE_SIZE);
  return (
    <nav className="pager" aria-label="Pages of jobs">
      <button type="button" className="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        ← Newer
      </button>
      <span aria-live="polite">
        {first <= last && `${first.toLocaleString('en')}–${last.toLocaleString('en')} of `}
        <strong data-testid="jobs-total">{total.toLocaleString('en')}</strong> {total === 1 ? 'job' : 'jobs'} · page {page} of{' '}
        {pages.toLocaleString('en')}
      </span>
      <button type="button" className="secondary" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        Older →
      </button>
    </nav>
  );
}
