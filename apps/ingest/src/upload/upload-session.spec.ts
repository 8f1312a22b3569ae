import { createHash } from 'node:crypto';
import { ConflictError, InvalidInputError, NotFoundError, PayloadTooLargeError, UPLOAD_LIMITS } from '@modelstream/contracts';
import type { ChunkFacts } from './chunk-request';
import { CsvShapeState, INITIAL_SHAPE } from './csv-shape-scanner';
import { TrainingPlan, UploadSettings } from './training-plan';
import {
  aborted,
  cancelled,
  chunkAnswer,
  chunkObjectKey,
  chunkReceived,
  completed,
  decideChunk,
  HEAD_SAMPLE_BYTES,
  mayCompleteHeader,
  newUpload,
  readBackLater,
  trainingRequested,
  uploadAborted,
  UploadState,
  withChunk,
} from './upload-session';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const settings = (): UploadSettings => ({ target: null, modelType: null, params: null, modelName: 'm', train: true });
const stored = (state: UploadState, index: number, text: string) => ({
  objectKey: chunkObjectKey(state.trackingId, index),
  size: Buffer.byteLength(text),
  sha256: sha(text),
});
const plan = (): TrainingPlan => ({
  modelName: 'm',
  modelType: 'logistic_regression',
  problemType: 'classification',
  target: 'y',
  paramsJson: '{}',
  dataset: { bucket: 'b', objectKeys: [], size: 1, sha256: 'x', columns: ['a', 'y'], datasetId: null },
});

/** A row-shape state (its content does not matter to the decisions). */
const shapeStub: CsvShapeState = INITIAL_SHAPE;

/** An upload of `totalChunks` whose first `texts` are accepted. */
function anUpload(totalChunks: number, texts: string[] = [], overrides: Partial<UploadState> = {}): UploadState {
  let state = newUpload('job-1', 'legacy', { filename: 'data.csv', totalChunks }, settings(), 1000);
  texts.forEach((text, i) => (state = withChunk(state, i, stored(state, i, text), shapeStub, null)));
  return { ...state, ...overrides };
}

/** A chunk request for `state` (or a new upload when state is null). */
function facts(state: UploadState | null, chunkIndex: number, text: string, overrides: Partial<ChunkFacts> = {}): ChunkFacts {
  return {
    trackingId: state?.trackingId,
    filename: state?.filename ?? 'data.csv',
    chunkIndex,
    totalChunks: state?.totalChunks ?? 3,
    size: Buffer.byteLength(text),
    sha256: sha(text),
    ...overrides,
  };
}

describe('decideChunk: a new upload (no trackingId)', () => {
  it('accepts chunk 0, and completes at once a one-chunk file', () => {
    expect(decideChunk(null, facts(null, 0, 'a,y\n'))).toEqual({ kind: 'accept', index: 0 });
    expect(decideChunk(null, facts(null, 0, 'a,y\n1,2\n', { totalChunks: 1 }))).toEqual({ kind: 'complete', index: 0 });
  });

  it('refuses a later chunk without trackingId (400) and a first chunk over the limit (413)', () => {
    const later = decideChunk(null, facts(null, 1, 'x'));
    expect(later).toMatchObject({ kind: 'refuse', error: expect.any(InvalidInputError) });
    expect(later.kind === 'refuse' && later.error.message).toMatch(/trackingId is missing on chunk 1/);
    const big = decideChunk(null, facts(null, 0, 'x', { size: UPLOAD_LIMITS.maxFileBytes + 1 }));
    expect(big).toMatchObject({ kind: 'refuse', error: expect.any(PayloadTooLargeError) });
  });
});

describe('decideChunk: an upload in progress', () => {
  const chunks = ['a,b,y\n', '1,2,3\n'];

  it('accepts the next chunk and completes with the last', () => {
    const state = anUpload(3, chunks);
    expect(decideChunk(anUpload(3, chunks.slice(0, 1)), facts(state, 1, '1,2,3\n'))).toEqual({ kind: 'accept', index: 1 });
    expect(decideChunk(state, facts(state, 2, '4,5,6\n'))).toEqual({ kind: 'complete', index: 2 });
  });

  it('answers the same bytes at an accepted index as a duplicate, with no completion to finish', () => {
    const state = anUpload(3, chunks);
    expect(decideChunk(state, facts(state, 0, chunks[0]))).toEqual({
      kind: 'duplicate',
      index: 0,
      upload: state,
      unfinishedCompletion: null,
    });
  });

  it('a repeat of the last chunk finishes a completion whose training request was not acknowledged', () => {
    const cut = anUpload(2, chunks, { plan: plan() });
    const decision = decideChunk(cut, facts(cut, 1, chunks[1]));
    expect(decision).toMatchObject({ kind: 'duplicate', index: 1, unfinishedCompletion: cut });
    const done = completed(cut, 'ds-1');
    expect(decideChunk(done, facts(done, 1, chunks[1]))).toMatchObject({ kind: 'duplicate', unfinishedCompletion: null });
  });

  it('refuses other bytes at an accepted index (409 naming the next index)', () => {
    const state = anUpload(3, chunks);
    const decision = decideChunk(state, facts(state, 0, 'other\n'));
    expect(decision).toMatchObject({ kind: 'conflict', error: expect.any(ConflictError) });
    expect(decision.kind === 'conflict' && decision.error.message).toMatch(/already received with other bytes.*send chunk 2 next/);
  });

  it('refuses a chunk ahead of the next expected index as out of order', () => {
    const state = anUpload(4, chunks);
    const decision = decideChunk(state, facts(state, 3, '7,8,9\n'));
    expect(decision).toMatchObject({ kind: 'out-of-order', expectedChunkIndex: 2, error: expect.any(ConflictError) });
    expect(decision.kind === 'out-of-order' && decision.error.message).toMatch(/expects chunkIndex 2 next/);
  });

  it('refuses a filename or totalChunks other than chunk 0 gave', () => {
    const state = anUpload(3, chunks);
    expect(decideChunk(state, facts(state, 2, 'x', { filename: 'other.csv' }))).toMatchObject({ kind: 'conflict' });
    expect(decideChunk(state, facts(state, 2, 'x', { totalChunks: 4 }))).toMatchObject({ kind: 'conflict' });
  });

  it('an unknown trackingId is a 404', () => {
    const decision = decideChunk(null, facts(null, 1, 'x', { trackingId: 'nope' }));
    expect(decision).toMatchObject({ kind: 'refuse', error: expect.any(NotFoundError) });
  });

  it('aborts an upload that goes over the size limit', () => {
    const state = anUpload(3, chunks);
    const decision = decideChunk(state, facts(state, 2, 'x', { size: UPLOAD_LIMITS.maxFileBytes }));
    expect(decision).toMatchObject({ kind: 'abort', upload: state, error: expect.any(PayloadTooLargeError) });
    expect(decision.kind === 'abort' && decision.reason).toMatch(/over 25 MB/);
  });

  it.each([
    ['completed', (s: UploadState) => completed(s, 'ds-1'), /is complete and its training was requested/],
    ['aborted', (s: UploadState) => aborted(s, 'too big'), /was aborted \(too big\)/],
    ['cancelled', (s: UploadState) => cancelled(s, 'by me')!, /was cancelled/],
  ])('an upload that is %s takes no new chunk', (_phase, close, message) => {
    const state = close(anUpload(3, chunks));
    const decision = decideChunk(state, facts(state, 2, '4,5,6\n'));
    expect(decision.kind === 'conflict' && decision.error.message).toMatch(message);
  });
});

describe('transitions', () => {
  it('withChunk returns a new state and leaves the old one as it was', () => {
    const before = anUpload(2, ['a,y\n']);
    const after = withChunk(before, 1, stored(before, 1, '1,2\n'), shapeStub, plan());
    expect(before.chunks).toHaveLength(1);
    expect(before.plan).toBeNull();
    expect(after).toMatchObject({ receivedBytes: 8, plan: plan() });
    expect(after.chunks).toHaveLength(2);
  });

  it('cancel closes only an upload in progress', () => {
    expect(cancelled(anUpload(2), 'why')).toMatchObject({ phase: 'cancelled', reason: 'why' });
    expect(cancelled(completed(anUpload(2), 'ds-1'), 'why')).toBeNull();
  });

  it('the header is looked for only while unknown, with a chunk that ends a line or the file', () => {
    expect(mayCompleteHeader(anUpload(3), Buffer.from('a,b'), false)).toBe(false);
    expect(mayCompleteHeader(anUpload(3), Buffer.from('a,b'), true)).toBe(true);
    expect(mayCompleteHeader(anUpload(3), Buffer.from('c\n1'), false)).toBe(true);
    expect(mayCompleteHeader({ ...anUpload(3), columns: ['a'] }, Buffer.from('\n'), true)).toBe(false);
  });

  it('a chunk is read back later while the header is open, or in the head while the problem type is open', () => {
    const head = 'x'.repeat(HEAD_SAMPLE_BYTES - 1);
    const accepted = (texts: string[], known: Partial<UploadState>) => {
      const state = { ...anUpload(4, texts), ...known };
      return readBackLater(state, state.chunks[texts.length - 1]);
    };
    const header = { columns: ['a', 'y'] };
    expect(accepted(['a,y'], { columns: null, problemType: 'classification' })).toBe(true);
    expect(accepted([head, 'a'.repeat(10)], { columns: null, problemType: 'classification' })).toBe(true);
    expect(accepted(['a,y\n1,2\n'], { ...header, problemType: 'classification' })).toBe(false);
    expect(accepted(['a,y\n1,2\n'], { ...header, problemType: null })).toBe(true);
    expect(accepted([head, '3,4\n'], { ...header, problemType: null })).toBe(true); // starts inside the head
    expect(accepted([head + 'x', '3,4\n'], { ...header, problemType: null })).toBe(false); // starts past it
  });
});

describe('events and answers', () => {
  it('numbers chunk events by index, the abort after the last chunk, the request 1 on its own topic; each names the owner', () => {
    const state = anUpload(3, ['a,y\n'], { ownerId: 'alice' });
    const chunk = stored(state, 1, '1,2\n');
    expect(chunkReceived(state, 1, chunk, 'uploads')).toEqual({
      type: 'UploadChunkReceived',
      trackingId: 'job-1',
      ownerId: 'alice',
      sequence: 2,
      payload: { filename: 'data.csv', chunkIndex: 1, totalChunks: 3, bucket: 'uploads', ...chunk },
    });
    expect(uploadAborted(aborted(state, 'too big'))).toMatchObject({
      ownerId: 'alice',
      sequence: 4,
      payload: { reason: 'too big', receivedChunks: 1 },
    });
    expect(trainingRequested({ ...state, plan: plan() })).toMatchObject({
      ownerId: 'alice',
      sequence: 1,
      payload: { filename: 'data.csv', target: 'y' },
    });
  });

  it('answers with the projected status, else the one the phase implies', () => {
    const state = anUpload(3, ['a,y\n']);
    expect(chunkAnswer(state, 0, 'running')).toEqual({
      trackingId: 'job-1',
      chunkIndex: 0,
      receivedChunks: 1,
      totalChunks: 3,
      status: 'running',
    });
    expect(chunkAnswer(state, 0, null).status).toBe('pending');
    expect(chunkAnswer(aborted(state, 'x'), 0, null).status).toBe('failed');
    expect(chunkAnswer(cancelled(state, 'x')!, 0, null).status).toBe('cancelled');
  });
});
