/** UploadService refusing bad input with a 4xx that changes nothing already accepted (fakes: testing/upload.fakes.ts). */
import { Logger } from '@nestjs/common';
import { UPLOAD_LIMITS } from '@modelstream/contracts';
import { ColdCache, csv, split, statusOf, uploadHarness as harness } from './testing/upload.fakes';

beforeAll(() => Logger.overrideLogger(false));

describe('UploadService: bad input', () => {
  it.each([
    ['params that are not JSON', { params: '{epochs: 3' }, /params is not valid JSON/],
    ['an unknown model type', { modelType: 'random_forest' }, /Unknown modelType "random_forest"/],
    ['a hyperparameter out of range', { modelType: 'logistic_regression', params: '{"epochs": 0}' }, /epochs must be between 1 and 1000/],
    ['a target missing from the header', { target: 'price' }, /target column "price" is not in the header/],
    ['a bad model name', { modelName: 'no spaces allowed' }, /not a valid registered model name/],
  ])('%s on chunk 0 is a 400; nothing is stored or published', async (_name, settings, message) => {
    const { start, store, publisher, states } = harness();
    const parts = split(csv(20), 2);
    await expect(start(parts, settings)).rejects.toThrow(message);
    expect(await statusOf(start(parts, settings))).toBe(400);
    expect([store.objects.size, publisher.published.length, states.saved.size]).toEqual([0, 0, 0]);
  });

  it('a target missing from a header that arrives later is a 400 at that chunk, which is not recorded', async () => {
    const { start, send, stateOf, publisher } = harness();
    const file = csv(20);
    const parts = [file.subarray(0, 4), file.subarray(4)]; // "x1,x" — no complete line yet
    const { trackingId } = await start(parts, { target: 'price' });
    expect(await statusOf(send(trackingId, parts, 1))).toBe(400);
    expect(stateOf(trackingId).chunks).toHaveLength(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('a malformed row is refused with the chunk that holds it; the corrected chunk is then accepted', async () => {
    const { start, send } = harness();
    const parts = split(csv(30), 2);
    const { trackingId } = await start(parts);
    const broken = Buffer.from(parts[1].toString().replace(/\n([^\n]*)\n/, '\n$1,extra\n'));
    await expect(send(trackingId, parts, 1, broken)).rejects.toThrow(/not a well-formed CSV: the row on line \d+ has 4 fields/);
    expect((await send(trackingId, parts, 1)).receivedChunks).toBe(2);
  });

  it('over 25 MB in all: 413, the partial upload discarded and announced; later chunks get a 409', async () => {
    const { start, send, store, publisher } = harness();
    const parts = [csv(100), Buffer.alloc(UPLOAD_LIMITS.maxFileBytes, '1'), csv(1)];
    const { trackingId } = await start(parts);
    await expect(send(trackingId, parts, 1)).rejects.toThrow(/over 25 MB.*partial upload was discarded/);
    expect(store.objects.size).toBe(0);
    expect(publisher.log()).toEqual(['upload-chunks UploadChunkReceived 1', 'upload-chunks UploadAborted 4']);
    await expect(send(trackingId, parts, 1)).rejects.toThrow(/was aborted \(The file is over 25 MB/);
  });

  it('a stored chunk that no longer matches what was acknowledged is a 409 at the last chunk', async () => {
    const { start, send, store } = harness(new ColdCache());
    const parts = split(csv(30), 2);
    const { trackingId } = await start(parts);
    store.objects.set(`uploads/${trackingId}/chunk-00000`, Buffer.from('tampered'));
    await expect(send(trackingId, parts, 1)).rejects.toThrow(/no longer matches what was acknowledged/);
  });
});
