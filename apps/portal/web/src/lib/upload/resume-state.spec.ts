import { planChunks } from '@sdk/chunking';
import { afterChunk, fileIdentity, fileMismatch, parseUpload, planOf, resumeFrom, serializeUpload, type UploadState } from './resume-state';

const MB = 1024 * 1024;
const file = { name: 'penguins-big.csv', size: 2.5 * MB, lastModified: 1_700_000_000_000 };

function savedUpload(overrides: Partial<UploadState> = {}): UploadState {
  return {
    trackingId: 'job-1',
    file,
    chunkSize: MB,
    totalChunks: planChunks(file.size, MB).totalChunks,
    nextChunk: 1,
    settings: { target: 'species', modelType: 'mlp_classifier', params: { epochs: 5 } },
    startedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

describe('upload resume state', () => {
  it('round-trips through its string form', () => {
    const state = savedUpload();
    expect(state.totalChunks).toBe(3);
    expect(parseUpload(serializeUpload(state))).toEqual(state);
  });

  it('ignores what it did not write: nothing, bad JSON, another version, a plan that does not fit the file', () => {
    expect(parseUpload(null)).toBeUndefined();
    expect(parseUpload('{not json')).toBeUndefined();
    expect(parseUpload(JSON.stringify({ ...savedUpload(), v: 99 }))).toBeUndefined();
    expect(parseUpload(serializeUpload(savedUpload({ trackingId: '' })))).toBeUndefined();
    expect(parseUpload(serializeUpload(savedUpload({ totalChunks: 7 })))).toBeUndefined();
    expect(parseUpload(serializeUpload(savedUpload({ chunkSize: 0 })))).toBeUndefined();
  });

  it('clamps a next chunk past the end to the end', () => {
    expect(parseUpload(serializeUpload(savedUpload({ nextChunk: 9 })))?.nextChunk).toBe(3);
  });

  it('matches the same file only (name, size, modification time) and says what differs', () => {
    const state = savedUpload();
    expect(fileMismatch(state, { ...file })).toBeUndefined();
    expect(fileMismatch(state, { ...file, size: 10 })).toMatch(/it is 10 bytes, not 2621440.*Pick penguins-big.csv/);
    expect(fileMismatch(state, { ...file, name: 'other.csv', lastModified: 1 })).toMatch(/its name is other.csv.*modified since/);
  });

  it('keeps only the identity fields of a File-like object', () => {
    expect(fileIdentity({ ...file, type: 'text/csv' } as typeof file)).toEqual(file);
  });

  it('resumes from what the server has, else from the saved next chunk', () => {
    const state = savedUpload({ nextChunk: 1 });
    expect(resumeFrom(state, { receivedChunks: 2, totalChunks: 3 })).toBe(2);
    expect(resumeFrom(state, { receivedChunks: 0 })).toBe(0);
    expect(resumeFrom(state, {})).toBe(1);
    expect(resumeFrom(state)).toBe(1);
    expect(resumeFrom(state, { receivedChunks: 5, totalChunks: 3 })).toBe(3);
    expect(() => resumeFrom(state, { receivedChunks: 1, totalChunks: 4 })).toThrow(/4 chunks, the saved plan 3/);
  });

  it('advances the next chunk as chunks are acknowledged, never back', () => {
    let state = savedUpload({ nextChunk: 0 });
    state = afterChunk(state, 0);
    state = afterChunk(state, 1);
    expect(state.nextChunk).toBe(2);
    expect(afterChunk(state, 0).nextChunk).toBe(2);
  });

  it('rebuilds the chunk plan with the saved chunk size', () => {
    const plan = planOf(savedUpload());
    expect(plan.ranges).toEqual([
      [0, MB],
      [MB, 2 * MB],
      [2 * MB, 2.5 * MB],
    ]);
  });
});
