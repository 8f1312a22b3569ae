import { createHash } from 'node:crypto';
import { InvalidInputError } from '@modelstream/contracts';
import { checkChunkRequest, chunkFacts, ChunkInput, sha256 } from './chunk-request';

const request = (overrides: Partial<ChunkInput> = {}): ChunkInput => ({
  filename: 'a.csv',
  chunkIndex: 0,
  totalChunks: 1,
  bytes: Buffer.from('a,y\n1,2\n'),
  ...overrides,
});

describe('a chunk request', () => {
  it.each([
    ['no file part', { bytes: undefined }, /file part is missing/],
    ['an empty file part', { bytes: Buffer.alloc(0) }, /file part of chunk 0 is empty/],
    ['a filename with folders', { filename: 'dir/a.csv' }, /not a CSV file name/],
    ['a filename that is not .csv', { filename: 'a.xlsx' }, /not a CSV file name/],
    ['a chunkIndex beyond totalChunks', { chunkIndex: 1 }, /chunkIndex 1 is out of range for totalChunks 1/],
  ])('refuses %s with a 400', (_name, overrides, message) => {
    expect(() => checkChunkRequest(request(overrides))).toThrow(InvalidInputError);
    expect(() => checkChunkRequest(request(overrides))).toThrow(message);
  });

  it('gives the bytes and the facts the session decides on', async () => {
    const input = request({ trackingId: 't', chunkIndex: 1, totalChunks: 2, target: 'y' });
    const bytes = checkChunkRequest(input);
    expect(bytes.toString()).toBe('a,y\n1,2\n');
    expect(await chunkFacts(input, bytes, async (b) => sha256(b))).toEqual({
      trackingId: 't',
      filename: 'a.csv',
      chunkIndex: 1,
      totalChunks: 2,
      size: 8,
      sha256: createHash('sha256').update('a,y\n1,2\n').digest('hex'),
    });
  });
});
