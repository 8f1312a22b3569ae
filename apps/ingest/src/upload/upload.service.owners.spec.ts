/** An upload belongs to the owner of the key that sent chunk 0: nobody else can fill, abort or even see it. */
import { Logger } from '@nestjs/common';
import { Principal } from '@modelstream/auth';
import { NotFoundError, UPLOAD_LIMITS } from '@modelstream/contracts';
import { csv, split, uploadHarness } from './testing/upload.fakes';

const principal = (ownerId: string, admin = false): Principal => ({
  ownerId,
  scopes: admin ? ['admin'] : ['train'],
  keyId: `${ownerId}-key`,
  keyName: ownerId,
  admin,
});
const alice = principal('alice');
const bob = principal('bob');

beforeAll(() => Logger.overrideLogger(false));

describe('UploadService and owners', () => {
  it('stamps the owner on the upload and on every event of it', async () => {
    const { service, publisher, stateOf } = uploadHarness();
    const parts = split(csv(30), 2);
    const first = await service.receiveChunk({ filename: 'data.csv', chunkIndex: 0, totalChunks: 2, bytes: parts[0], target: 'y' }, alice);
    await service.receiveChunk(
      { filename: 'data.csv', chunkIndex: 1, totalChunks: 2, bytes: parts[1], trackingId: first.trackingId },
      alice,
    );
    expect(stateOf(first.trackingId).ownerId).toBe('alice');
    expect(publisher.published.map((p) => p.event.ownerId)).toEqual(publisher.published.map(() => 'alice'));
    expect(publisher.published.map((p) => p.event.type)).toEqual(['UploadChunkReceived', 'UploadChunkReceived', 'TrainingRequested']);
  });

  it("answers another owner's chunk as for an unknown upload, and the upload goes on untouched", async () => {
    const { service, stateOf } = uploadHarness();
    const parts = split(csv(30), 2);
    const { trackingId } = await service.receiveChunk(
      { filename: 'data.csv', chunkIndex: 0, totalChunks: 2, bytes: parts[0], target: 'y' },
      alice,
    );
    const chunk1 = (bytes: Buffer) => ({ filename: 'data.csv', chunkIndex: 1, totalChunks: 2, bytes, trackingId });
    // An oversize chunk aborted the upload of whoever's trackingId it named; now it is not even read as theirs.
    await expect(service.receiveChunk(chunk1(Buffer.alloc(UPLOAD_LIMITS.maxFileBytes + 1, 0x61)), bob)).rejects.toThrow(NotFoundError);
    await expect(service.receiveChunk(chunk1(parts[1]), bob)).rejects.toThrow(`No upload with trackingId "${trackingId}"`);
    expect(stateOf(trackingId).phase).toBe('uploading');
    const done = await service.receiveChunk(chunk1(parts[1]), alice);
    expect(done.receivedChunks).toBe(2);
  });

  it("lets an admin send a chunk of anyone's upload", async () => {
    const { service } = uploadHarness();
    const parts = split(csv(30), 2);
    const { trackingId } = await service.receiveChunk(
      { filename: 'data.csv', chunkIndex: 0, totalChunks: 2, bytes: parts[0], target: 'y' },
      alice,
    );
    const done = await service.receiveChunk(
      { filename: 'data.csv', chunkIndex: 1, totalChunks: 2, bytes: parts[1], trackingId },
      principal('ops', true),
    );
    expect(done.receivedChunks).toBe(2);
  });
});
