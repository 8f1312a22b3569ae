/**
 * The jobs trained on a dataset: the job history (`GET /api/model-train/jobs?datasetId=`), without the upload
 * that only made the dataset.
 */
import type { JobHistoryPage } from '@sdk/types';

export type HistoryJob = JobHistoryPage['items'][number];

/** How many history jobs one look-up reads (the API's largest page). */
export const HISTORY_PAGE = 500;

export interface DatasetJobs {
  jobs: HistoryJob[];
  /** The filename had more jobs than one page: the count may be low. */
  capped: boolean;
}

/** Trainings of this dataset: the upload that only made it (train=false, stage "uploaded") is no training. */
export function trainingsOf(page: Pick<JobHistoryPage, 'items' | 'total'>, datasetId: string): DatasetJobs {
  return {
    jobs: page.items.filter((job) => job.datasetId === datasetId && job.stage !== 'uploaded'),
    capped: page.total > page.items.length,
  };
}

/**
 * The trainings of each dataset, one history page per dataset with at most `parallel` look-ups at a time (a
 * browser has ~6 connections per origin). A failed look-up leaves its dataset out of the map.
 */
export async function trainingsByDataset(
  datasets: readonly { datasetId: string }[],
  historyOf: (datasetId: string) => Promise<Pick<JobHistoryPage, 'items' | 'total'>>,
  parallel = 3,
): Promise<Map<string, DatasetJobs>> {
  const result = new Map<string, DatasetJobs>();
  let next = 0;
  const worker = async () => {
    while (next < datasets.length) {
      const { datasetId } = datasets[next++];
      try {
        result.set(datasetId, trainingsOf(await historyOf(datasetId), datasetId));
      } catch {
        // this dataset's count stays unknown ("—"); the others still show
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, datasets.length) }, worker));
  return result;
}
