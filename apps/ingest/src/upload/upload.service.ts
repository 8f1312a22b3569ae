/**
 * Where a chunk is received: the I/O around the upload session, in order. Each accepted chunk is stored
 * in the object store (claim-check), announced by an UploadChunkReceived event and answered only once
 * Kafka acknowledged it and the upload's state is saved, so an acknowledged chunk is never lost. The last
 * chunk is checked with the whole file before it is accepted, and completes the upload with a
 * TrainingRequested event. What each chunk means is decided in upload-session.ts, its checks are in
 * chunk-checks.ts, the plan in training-plan.ts; this class only reads, writes and publishes.
 */
import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { canReach, LOCAL_PRINCIPAL, Principal } from '@modelstream/auth';
import { TOPICS, TrainingRequestEvent, UploadEvent } from '@modelstream/contracts';
import { AnyEvent, errorMessage, EventPublisher } from '@modelstream/kafka';
import { Metrics } from '@modelstream/platform';
import { manifestOf } from '../datasets/dataset.views';
import { DatasetsService } from '../datasets/datasets.service';
import { JobHistoryProjection } from '../projections/history/job-history.projection';
import { JobStatusProjection } from '../projections/status/job-status.projection';
import { checkLaterSettings, parseUploadSettings } from './training-plan';
import { checkChunkRequest, ChunkFacts, chunkFacts, ChunkInput } from './chunk-request';
import { UploadChunkRepository } from './upload-chunk.repository';
import {
  aborted,
  ChunkAnswer,
  chunkAnswer,
  chunkObjectKey,
  chunkReceived,
  completed,
  decideChunk,
  newUpload,
  PlannedUpload,
  StoredChunk,
  trainingRequested,
  uploadAborted,
  uploadCompleted,
  UploadState,
  withChunk,
} from './upload-session';
import { UploadStateRepository } from './upload-state.repository';
import {
  chunkEventKey,
  COMPLETION_EVENT,
  confirmed,
  EventIdentity,
  eventIdentity,
  keepUnconfirmed,
  lostUpload,
  SeenUpload,
} from './unconfirmed-events';
import { StageTimings } from './stage-timings';
import { CheckedChunk, ChunkChecks } from './chunk-checks';

@Injectable()
export class UploadService {
  private readonly logger = new Logger(UploadService.name);
  private readonly chunkCounter;
  private readonly byteCounter;
  private readonly uploadCounter;
  private readonly checks: ChunkChecks;

  constructor(
    private readonly chunks: UploadChunkRepository,
    private readonly uploads: UploadStateRepository,
    private readonly publisher: EventPublisher,
    private readonly projection: JobStatusProjection,
    private readonly history: JobHistoryProjection,
    private readonly datasets: DatasetsService,
    metrics: Metrics,
  ) {
    this.checks = new ChunkChecks(chunks);
    this.chunkCounter = metrics.counter('ingest_chunks_total', 'Chunks answered 200, by outcome (accepted, repeated)', ['outcome']);
    this.byteCounter = metrics.counter('ingest_chunk_bytes_total', 'Bytes of accepted chunks');
    this.uploadCounter = metrics.counter('ingest_uploads_total', 'Uploads by how they ended (training_requested, dataset_only, aborted)', [
      'outcome',
    ]);
  }

  /** One chunk from `caller`: an upload of another owner is unknown to it (404), so it cannot be aborted or filled. */
  async receiveChunk(input: ChunkInput, caller: Principal = LOCAL_PRINCIPAL, timings = new StageTimings()): Promise<ChunkAnswer> {
    const bytes = checkChunkRequest(input);
    const hashing = chunkFacts(input, bytes, (b) => this.chunks.digest(b)); // on the inspection thread, while the lock is taken
    const trackingId = input.trackingId;
    if (trackingId === undefined) {
      const facts = await hashing;
      timings.lap('digest');
      return this.handle(null, input, facts, bytes, caller, timings);
    }
    hashing.catch(() => undefined); // awaited under the lock; unawaited when the lock is held elsewhere (409)
    return this.uploads.withLockedState(trackingId, async (state) => {
      timings.lap('lock');
      const facts = await hashing;
      timings.lap('digest');
      return this.handle(state && canReach(caller, state.ownerId) ? state : null, input, facts, bytes, caller, timings);
    });
  }

  private async handle(
    state: UploadState | null,
    input: ChunkInput,
    facts: ChunkFacts,
    bytes: Buffer,
    caller: Principal,
    timings: StageTimings,
  ): Promise<ChunkAnswer> {
    if (state && facts.trackingId !== undefined) checkLaterSettings(state.settings, input, facts.chunkIndex);
    const decision = decideChunk(state, facts);
    switch (decision.kind) {
      case 'accept':
      case 'complete': {
        const upload = state ?? newUpload(randomUUID(), caller.ownerId, facts, parseUploadSettings(input), Date.now());
        return this.accept(upload, facts, bytes, decision.kind === 'complete', timings);
      }
      case 'duplicate': {
        const upload = decision.unfinishedCompletion ? await this.complete(decision.unfinishedCompletion) : decision.upload;
        this.chunkCounter.inc({ outcome: 'repeated' });
        return this.answer(upload, decision.index);
      }
      case 'abort':
        await this.abort(decision.upload, decision.reason);
        throw decision.error;
      case 'conflict':
      case 'out-of-order':
      case 'refuse':
        throw decision.error;
      default: {
        const never: never = decision;
        throw new Error(`unhandled chunk decision ${JSON.stringify(never)}`);
      }
    }
  }

  /**
   * Checks, stores and announces one chunk; the last one only with a valid whole file, then requests the
   * training. The bytes go to the object store while they are checked (a refused chunk's object is deleted
   * again: nothing refers to it, and its key is the next one the upload would take); the event is produced once
   * they are stored, and the chunk answered once both are acknowledged.
   */
  private async accept(
    before: UploadState,
    facts: ChunkFacts,
    bytes: Buffer,
    isLast: boolean,
    timings: StageTimings,
  ): Promise<ChunkAnswer> {
    const index = facts.chunkIndex;
    const chunk: StoredChunk = { objectKey: chunkObjectKey(before.trackingId, index), size: facts.size, sha256: facts.sha256 };
    const storing = this.chunks.put(chunk, bytes);
    storing.catch(() => undefined); // awaited below, or the chunk is refused anyway
    let checked: CheckedChunk;
    try {
      checked = await this.checks.check(before, bytes, index, isLast, timings);
    } catch (error) {
      this.chunks.refused(before.trackingId, index);
      await storing.then(() => this.chunks.drop(chunk)).catch(() => undefined);
      throw error;
    }
    await storing.catch((error: unknown) => {
      this.chunks.refused(before.trackingId, index); // not taken: its scanned bytes go too
      throw error;
    });
    timings.lap('store');
    const { plan, shape, utf8Carry } = checked;
    let state = checked.state;
    const eventKey = chunkEventKey(index);
    const identity = eventIdentity(before.unconfirmed, eventKey, facts.sha256);
    const { event } = await this.publisher
      .publish<UploadEvent>(TOPICS.uploadChunks, { ...chunkReceived(state, index, chunk, this.chunks.bucket), ...identity })
      .catch(async (error: unknown) => {
        if (facts.trackingId !== undefined) await this.keepUnconfirmed(before, eventKey, identity, facts.sha256);
        throw error;
      });
    timings.lap('produce');
    state = { ...withChunk(state, index, chunk, shape, plan), utf8Carry, unconfirmed: confirmed(state.unconfirmed, eventKey) };
    if (plan) {
      // The completion event's identity is saved with the state that plans it: a retry finishing it sends the same event.
      const completion = eventIdentity(undefined, COMPLETION_EVENT);
      state = { ...state, unconfirmed: keepUnconfirmed(state.unconfirmed, COMPLETION_EVENT, completion) };
    }
    // The state and the read-after-write status are independent writes: one round trip for both.
    await Promise.all([this.uploads.save(state), this.project(event, TOPICS.uploadChunks.name)]);
    this.chunks.remember(state, index, chunk, bytes);
    timings.lap('state');
    this.logger.log({ trackingId: state.trackingId, chunkIndex: index, size: chunk.size, msg: 'chunk accepted' });
    this.chunkCounter.inc({ outcome: 'accepted' });
    this.byteCounter.inc(chunk.size);
    if (plan) state = await this.complete({ ...state, plan }, timings);
    // The status with this chunk's event applied, as this instance knows it (its own projection, or its projector's
    // that came first), unless the last chunk moved the job on since or the status is not known here.
    const known = plan ? null : this.projection.statusWith(event, TOPICS.uploadChunks.name);
    const answer = known ? chunkAnswer(state, index, known) : await this.answer(state, index);
    timings.lap('answer');
    return answer;
  }

  /**
   * Completes an upload: its file becomes a dataset (or is the dataset of the same bytes already stored, whose
   * objects the training then reads, and this upload's copies go), then the training is requested — or, with
   * train=false, an UploadCompleted event closes the upload.
   */
  private async complete(state: PlannedUpload, timings = new StageTimings()): Promise<UploadState> {
    const { dataset: file } = state.plan;
    const { dataset, reused } = await this.datasets.register({
      filename: state.filename,
      bucket: file.bucket,
      objectKeys: file.objectKeys,
      size: Number(file.size),
      sha256: file.sha256,
      read: () => this.chunks.readAll(state.chunks),
      profiled: () => this.chunks.profileOf(state.trackingId, state.chunks),
      sourceTrackingId: state.trackingId,
      ownerId: state.ownerId,
    });
    timings.lap('dataset');
    const plan = { ...state.plan, dataset: { ...manifestOf(dataset), columns: file.columns } };
    const train = state.settings.train !== false;
    const identity = eventIdentity(state.unconfirmed, COMPLETION_EVENT);
    const { event } = train
      ? await this.publisher.publish<TrainingRequestEvent>(TOPICS.trainingRequests, {
          ...trainingRequested({ ...state, plan }),
          ...identity,
        })
      : await this.publisher.publish<UploadEvent>(TOPICS.uploadChunks, { ...uploadCompleted(state, dataset.datasetId), ...identity });
    timings.lap('request');
    const done = { ...completed(state, dataset.datasetId), unconfirmed: confirmed(state.unconfirmed, COMPLETION_EVENT) };
    const topic = train ? TOPICS.trainingRequests.name : TOPICS.uploadChunks.name;
    await Promise.all([this.uploads.save(done), this.project(event, topic, { history: true })]);
    this.uploadCounter.inc({ outcome: train ? 'training_requested' : 'dataset_only' });
    this.chunks.forget(done.trackingId, done.chunks);
    timings.lap('completed');
    const ownCopy = reused && dataset.sourceTrackingId !== state.trackingId;
    if (ownCopy) await this.chunks.discard(state.trackingId, state.chunks).catch(() => undefined);
    const { modelType, target } = plan;
    this.logger.log({
      trackingId: state.trackingId,
      datasetId: dataset.datasetId,
      reusedDataset: ownCopy,
      ...(train ? { modelType, target } : {}),
      size: Number(file.size),
      msg: train ? 'training requested' : 'upload stored as a dataset',
    });
    return done;
  }

  /** Discards a partial upload: its objects go, its state says why, and an UploadAborted event tells the rest. */
  private async abort(state: UploadState, reason: string): Promise<void> {
    const closed = aborted(state, reason);
    await this.uploads.save(closed);
    this.uploadCounter.inc({ outcome: 'aborted' });
    try {
      await this.chunks.discard(closed.trackingId, closed.chunks);
      const { event } = await this.publisher.publish<UploadEvent>(TOPICS.uploadChunks, uploadAborted(closed));
      await this.project(event, TOPICS.uploadChunks.name, { after: closed.chunks.length }); // it follows the last chunk's event
    } catch (error) {
      this.logger.warn({ trackingId: closed.trackingId, err: errorMessage(error), msg: 'could not fully discard an aborted upload' });
    }
  }

  /**
   * Read-after-write: the projectors apply the same event later as a no-op (same sequence). The history too for
   * the upload's end, so the job is in MariaDB as soon as it is requested (a dataset in use cannot be deleted).
   * In order only: an event whose predecessor on the topic is not applied yet is left to the projectors.
   */
  private async project(event: AnyEvent, topic: string, also: { history?: boolean; after?: number } = {}): Promise<void> {
    try {
      await this.projection.apply(event, topic, { inOrder: true, after: also.after });
      if (also.history) await this.history.apply(event, topic, { inOrder: true });
    } catch (error) {
      this.logger.warn({ trackingId: event.trackingId, err: errorMessage(error), msg: 'not projected yet; the projectors will' });
    }
  }

  /** After a failed send: the upload (as before the chunk) keeps the event's identity for the retry; best effort. */
  private async keepUnconfirmed(before: UploadState, key: string, identity: EventIdentity, sha256: string): Promise<void> {
    const unconfirmed = keepUnconfirmed(before.unconfirmed, key, identity, sha256);
    await this.uploads.save({ ...before, unconfirmed }).catch((error: unknown) => {
      this.logger.warn({
        trackingId: before.trackingId,
        err: errorMessage(error),
        msg: 'could not keep an unconfirmed event for the retry',
      });
    });
  }

  private async answer(state: UploadState, index: number): Promise<ChunkAnswer> {
    const view = await this.projection.get(state.trackingId).catch(() => null);
    return chunkAnswer(state, index, view?.status ?? null);
  }

  /**
   * Discards an upload left incomplete (the abandoned-upload sweeper calls it): under the upload's lock, only
   * while it still misses chunks and, given what the history `seen`, no chunk came beyond those (one that did
   * means the client is still sending). An upload the history saw but with no state (chunk 0's send failed and
   * landed later, so its client never learnt the trackingId) is closed from the history's facts. Resolves true
   * when the upload was aborted: its chunks deleted, its state closed (a late chunk gets 409) and UploadAborted
   * published, so the job fails with `reason`.
   */
  async abandon(trackingId: string, reason: string, seen?: SeenUpload): Promise<boolean> {
    return this.uploads.withLockedState(trackingId, async (stored) => {
      const state = stored ?? (seen ? lostUpload(trackingId, seen, parseUploadSettings({ filename: seen.filename ?? '' })) : null);
      if (!state || state.phase !== 'uploading' || state.chunks.length >= state.totalChunks) return false;
      if (seen !== undefined && state.chunks.length !== seen.receivedChunks) return false;
      await this.abort(state, reason);
      return true;
    });
  }
}
