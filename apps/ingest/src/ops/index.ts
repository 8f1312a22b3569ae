/**
 * The ingest app's operations, as a public entry for the CLIs in scripts/ and the benchmarks in bench/:
 * replaying the job topics into the read models, listing / re-publishing dead letters, and reading the
 * consumer groups' lag. Nothing outside the app imports its internals; this file is the door.
 */
export { replayJobTopics } from './replay/job-replay';
export type { ReplayResult, ReplaySource, SkippedMessage } from './replay/job-replay';
export { deleteRedisKeys, flushStatusKeys } from './replay/redis-keys';
export { DeadLetterStore } from './dead-letters/dead-letter.store';
export type { DeadLetter, RepublishedLetter } from './dead-letters/dead-letter.store';
export { DeadLettersService } from './dead-letters/dead-letters.service';
export { HISTORY_TOPICS } from '../projections/history/history-projector.controller';
export { ConsumersService, CONSUMERS_TIMEOUT_MS } from './consumers/consumers.service';
/** Where ingest stores an upload's chunk: the chaos suite reads every acknowledged chunk back. */
export { chunkObjectKey } from '../upload/upload-session';
/** What the inspection thread does to each chunk's bytes: bench/ingest/inspection.ts times it. */
export { CsvShapeScanner } from '../upload/csv-shape-scanner';
export type { CsvShapeState } from '../upload/csv-shape-scanner';
export { CsvProfiler } from '../datasets/csv-profiler';
export { profileCsv } from '../datasets/dataset-profile';
