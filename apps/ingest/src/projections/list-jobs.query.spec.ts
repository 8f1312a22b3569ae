import { InvalidInputError } from '@modelstream/contracts';
import { jobsPage, selectJobs } from './list-jobs.query';

describe('one pagination model for both job lists', () => {
  it('takes limit/offset and page/pageSize alike', () => {
    expect(selectJobs({ limit: 10, offset: 20 })).toMatchObject({ limit: 10, offset: 20 });
    expect(selectJobs({ pageSize: 10, page: 3 })).toMatchObject({ limit: 10, offset: 20 });
    expect(selectJobs({ limit: 10, page: 3 })).toMatchObject({ limit: 10, offset: 20 });
    expect(selectJobs({})).toMatchObject({ limit: 50, offset: 0 });
  });

  it('answers in both vocabularies', () => {
    expect(jobsPage({ limit: 10, offset: 20 }, 25, 5)).toEqual({
      total: 25,
      limit: 10,
      offset: 20,
      nextOffset: null,
      page: 3,
      pageSize: 10,
    });
    expect(jobsPage({ limit: 10, offset: 0 }, 25, 10)).toMatchObject({ nextOffset: 10, page: 1 });
  });

  it('refuses contradictions with a reason', () => {
    expect(() => selectJobs({ limit: 10, pageSize: 20 })).toThrow(InvalidInputError);
    expect(() => selectJobs({ offset: 0, page: 2 })).toThrow(/either 'offset' or 'page'/);
    expect(() => selectJobs({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' })).toThrow(/after 'to'/);
  });
});
