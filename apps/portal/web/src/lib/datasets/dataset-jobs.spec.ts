import { trainingsByDataset, trainingsOf, type HistoryJob } from './dataset-jobs';

const job = (over: Partial<HistoryJob>): HistoryJob => ({
  trackingId: 'j',
  filename: 'a.csv',
  modelName: 'a',
  modelType: 'logistic_regression',
  status: 'completed',
  progress: 100,
  stage: 'done',
  version: 1,
  modelId: null,
  error: null,
  createdAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  finishedAt: null,
  datasetId: 'ds-1',
  sweepId: null,
  ...over,
});

describe('jobs trained on a dataset', () => {
  it('keeps the jobs of this dataset, not the upload that only made it', () => {
    const page = {
      total: 3,
      items: [job({ trackingId: 'u', stage: 'uploaded' }), job({ trackingId: 't' }), job({ trackingId: 'o', datasetId: 'ds-2' })],
    };
    expect(trainingsOf(page, 'ds-1')).toEqual({ jobs: [page.items[1]], capped: false });
    expect(trainingsOf({ ...page, total: 900 }, 'ds-1').capped).toBe(true);
  });

  it('asks the history once per dataset, a few at a time, and leaves failed look-ups out', async () => {
    const asked: string[] = [];
    let open = 0;
    let most = 0;
    const history = async (datasetId: string) => {
      asked.push(datasetId);
      open += 1;
      most = Math.max(most, open);
      await new Promise((r) => setTimeout(r, 5));
      open -= 1;
      if (datasetId === 'ds-bad') throw new Error('503');
      const items =
        datasetId === 'ds-2' ? [job({ datasetId, stage: 'uploaded' })] : [job({ datasetId }), job({ datasetId, trackingId: 'x' })];
      return { total: items.length, items };
    };
    const counts = await trainingsByDataset(
      ['ds-1', 'ds-2', 'ds-3', 'ds-bad', 'ds-5'].map((datasetId) => ({ datasetId })),
      history,
      2,
    );
    expect(asked.sort()).toEqual(['ds-1', 'ds-2', 'ds-3', 'ds-5', 'ds-bad']);
    expect(most).toBe(2);
    expect(counts.get('ds-1')!.jobs).toHaveLength(2);
    expect(counts.get('ds-2')!.jobs).toHaveLength(0);
    expect(counts.has('ds-bad')).toBe(false);
  });
});
