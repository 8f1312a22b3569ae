/**
 * Every check of a chunk before it is accepted (a refused chunk changes nothing): its header, text and row
 * shape and, for the last one, the whole file (data rows, the trainable minimum, the settings resolved against
 * the header into a training plan). The shape scan runs on the inspection thread (UploadChunkRepository.scan);
 * earlier chunks are read back only to learn a header spread over several chunks or the first rows.
 */
import { assertText, inspectCsvColumn, inspectCsvHead } from './csv-inspection';
import type { CsvShapeState } from './csv-shape-scanner';
import { chunkObjectKey, HEAD_SAMPLE_BYTES, mayCompleteHeader, UploadState, withHeader } from './upload-session';
import { checkTrainableRows, checkUtf8 } from './trainable-checks';
import { checkHasDataRows, headerFacts, planTarget, planTraining, problemTypeOfRows, sampleFacts, TrainingPlan } from './training-plan';
import { UploadChunkRepository } from './upload-chunk.repository';
import { StageTimings } from './stage-timings';

/** What the checks of a chunk found: the upload with its header learnt, and the scan states to keep. */
export interface CheckedChunk {
  state: UploadState;
  utf8Carry: string;
  shape: CsvShapeState;
  plan: TrainingPlan | null;
}

export class ChunkChecks {
  constructor(private readonly chunks: UploadChunkRepository) {}

  /** Every check of a chunk (a refused chunk changes nothing): its header, text, shape and, for the last one, the whole file. */
  async check(before: UploadState, bytes: Buffer, index: number, isLast: boolean, timings: StageTimings): Promise<CheckedChunk> {
    const state = await this.learnHeader(before, bytes, isLast);
    assertText(bytes);
    const utf8Carry = checkUtf8(state.utf8Carry ?? '', bytes, index, isLast);
    const { shape, records } = await this.chunks.scan(state.trackingId, index, bytes, state.shape ?? null, isLast);
    timings.lap('checks');
    const plan = isLast ? await this.plan(state, bytes, chunkObjectKey(state.trackingId, index), records) : null;
    if (plan) timings.lap('plan');
    return { state, utf8Carry, shape, plan };
  }

  /** Reads the header (and the target's first values) once a complete first line has arrived. */
  private async learnHeader(state: UploadState, bytes: Buffer, isLast: boolean): Promise<UploadState> {
    if (!mayCompleteHeader(state, bytes, isLast)) return state;
    const earlier = await this.chunks.readAll(state.chunks);
    const joined = earlier.length ? Buffer.concat([...earlier, bytes]) : bytes;
    const { settings } = state;
    if (isLast) {
      const head = inspectCsvHead(joined, true); // a whole file: all its rows, for the class check
      return head ? withHeader(state, headerFacts(settings, head, true)) : state;
    }
    // The header and the target's values in the rows of the file's first HEAD_SAMPLE_BYTES (none when a model type is named)
    const sample = joined.subarray(0, Math.max(HEAD_SAMPLE_BYTES, joined.indexOf(0x0a) + 1));
    const head = inspectCsvColumn(sample, (columns) => (settings.modelType ? null : planTarget(settings, columns)));
    return head ? withHeader(state, sampleFacts(settings, head)) : state;
  }

  /** Whole-file checks at the last chunk, and the settings resolved against the header. */
  private async plan(state: UploadState, lastBytes: Buffer, lastKey: string, records: number): Promise<TrainingPlan> {
    checkHasDataRows(records, state.columns);
    if (state.settings.train !== false) checkTrainableRows(records - 1);
    const target = planTarget(state.settings, state.columns);
    const problemType = state.problemType ?? (await this.problemTypeFromFirstRows(state, lastBytes, target));
    return planTraining(
      state.settings,
      { columns: state.columns, problemType, rows: records - 1 },
      {
        bucket: this.chunks.bucket,
        objectKeys: [...state.chunks.map((c) => c.objectKey), lastKey],
        size: state.receivedBytes + lastBytes.length,
        sha256: await this.chunks.sha256Of(state.trackingId, state.chunks, lastBytes),
        datasetId: null,
      },
    );
  }

  /** The default problem type when the first chunk held no complete data row: from the file's first rows. */
  private async problemTypeFromFirstRows(state: UploadState, lastBytes: Buffer, target: string) {
    const head = await this.chunks.readHead(state.chunks, HEAD_SAMPLE_BYTES);
    const bytes = head.whole ? Buffer.concat([head.bytes, lastBytes]) : head.bytes;
    return problemTypeOfRows(inspectCsvHead(bytes, head.whole), target);
  }
}
