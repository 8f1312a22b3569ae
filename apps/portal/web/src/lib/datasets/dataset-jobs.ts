/**
 * The jobs trained on a dataset. The job history (`GET /api/model-train/jobs`) has no filter by dataset, but it
 * filters by exact filename and every job carries its `datasetId`: so one history page per filename, kept to the
 * jobs of that dataset. Jobs of the same bytes uploaded under another filename are not found this way.
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
 * The trainings of each dataset, reading one history page per distinct filename with at most `parallel` look-ups
 * at a time (a browser has ~6 connections per origin). A failed look-up leaves its datasets out of the map.
 */
export async function trainingsByDataset(
  datasets: readonly { datasetId: string; filename: string }[],
  historyOf: (filename: string) => Promise<Pick<JobHistoryPage, 'items' | 'total'>>,
  parallel = 3,
): Promise<Map<string, DatasetJobs>> {
  const filenames = [...new Set(datasets.map((d) => d.filename))];
  const pages = new Map<string, Pick<JobHistoryPage, 'items' | 'total'>>();
  let next = 0;
  const worker = async () => {
    while (next < filenames.length) {
      const filename = filenames[next++];
      try {
        pages.set(filename, await historyOf(filename));
      } catch {
        // this filename's count stays unknown ("—"); the others still show
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, filenames.length) }, worker));
  const result = new Map<string, DatasetJobs>();
  for (const d of datasets) {
    const page = pages.get(d.filename);
    if (page) result.set(d.datasetId, trainingsOf(page, d.datasetId));
  }
  return result;
}
