/** Step 1, load: streams the uploaded chunks from the object store into a parsed table. */
import { Injectable, Logger } from '@nestjs/common';
import { DatasetReader, LoadedDataset } from '../dataset.reader';
import { TrainingEventsPublisher } from '../training-events.publisher';
import type { JobRun } from './job-run';
import { stageProgress } from './training-progress';

@Injectable()
export class LoadDatasetStep {
  private readonly logger = new Logger(LoadDatasetStep.name);

  constructor(
    private readonly events: TrainingEventsPublisher,
    private readonly datasets: DatasetReader,
  ) {}

  async run(job: JobRun): Promise<LoadedDataset> {
    const { trackingId, dataset } = job.command;
    await this.events.progress(job.command, stageProgress('loading'));
    // A checkpoint per batch of rows: a long read heartbeats and notices a cancel or a shutdown.
    const loaded = await this.datasets.read(dataset, job.stop.checkpoint);
    if (dataset.sha256 && loaded.sha256 !== dataset.sha256) {
      this.logger.warn({ trackingId, expected: dataset.sha256, read: loaded.sha256, msg: 'dataset checksum differs from the manifest' });
    }
    return loaded;
  }
}
