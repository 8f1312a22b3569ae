import { planChunks } from '@sdk/chunking';
import type { UploadChunkAnswer } from '@sdk/types';
import { chunkForm, uploadChunks, type ChunkRequest } from './chunk-upload';

/** An in-memory stand-in for the API's chunk rules (in order, trackingId after chunk 0), to drive the loop. */
function recordingSender() {
  const seen: ChunkRequest[] = [];
  const texts: string[] = [];
  const send = async (request: ChunkRequest): Promise<UploadChunkAnswer> => {
    seen.push(request);
    texts.push(await request.bytes.text());
    return {
      trackingId: request.fields.trackingId ?? 'job-9',
      chunkIndex: request.index,
      receivedChunks: request.index + 1,
      totalChunks: Number(request.fields.totalChunks),
      status: 'pending',
      ...(request.index + 1 === Number(request.fields.totalChunks) ? { datasetId: 'ds-1' } : {}),
    };
  };
  return { seen, texts, send };
}

const file = new Blob(['a,b\n1,2\n3,4\n5,6\n']); // 16 bytes
const plan = planChunks(file.size, 6);

describe('chunk upload loop', () => {
  it('sends every chunk in order, settings on chunk 0, the trackingId after', async () => {
    const s = recordingSender();
    const acks: [number, number][] = [];
    const out = await uploadChunks({
      file,
      filename: 'd.csv',
      plan,
      settings: { target: 'b', modelType: 'linear_regression', params: { epochs: 3 } },
      send: s.send,
      onChunk: (_a, index, sent) => acks.push([index, sent]),
    });
    expect(out.trackingId).toBe('job-9');
    expect(out.last?.datasetId).toBe('ds-1');
    expect(s.texts.join('')).toBe('a,b\n1,2\n3,4\n5,6\n');
    expect(s.seen.map((r) => r.fields)).toEqual([
      { filename: 'd.csv', chunkIndex: '0', totalChunks: '3', target: 'b', modelType: 'linear_regression', params: '{"epochs":3}' },
      { filename: 'd.csv', chunkIndex: '1', totalChunks: '3', trackingId: 'job-9' },
      { filename: 'd.csv', chunkIndex: '2', totalChunks: '3', trackingId: 'job-9' },
    ]);
    expect(acks).toEqual([
      [0, 6],
      [1, 12],
      [2, 16],
    ]);
  });

  it('resumes from a later chunk with the saved trackingId and the same bytes', async () => {
    const s = recordingSender();
    await uploadChunks({ file, filename: 'd.csv', plan, start: 2, trackingId: 'job-9', send: s.send });
    expect(s.seen.map((r) => r.index)).toEqual([2]);
    expect(s.texts).toEqual(['5,6\n']);
    await expect(uploadChunks({ file, filename: 'd.csv', plan, start: 1, send: s.send })).rejects.toThrow(/needs the upload's trackingId/);
  });

  it('stops at the first chunk whose sending fails, after the acknowledged ones', async () => {
    const s = recordingSender();
    const acked: number[] = [];
    const send = async (r: ChunkRequest) => {
      if (r.index === 1) throw new Error('Chunk 1 is out of order');
      return s.send(r);
    };
    await expect(uploadChunks({ file, filename: 'd.csv', plan, send, onChunk: (_a, i) => acked.push(i) })).rejects.toThrow(/out of order/);
    expect(acked).toEqual([0]);
  });

  it('refuses a file that does not fit the plan, and stops when aborted', async () => {
    const s = recordingSender();
    await expect(uploadChunks({ file: new Blob(['x']), filename: 'd.csv', plan, send: s.send })).rejects.toThrow(
      /1 bytes but the chunk plan covers 16/,
    );
    const abort = new AbortController();
    abort.abort(new Error('stopped by the person'));
    await expect(uploadChunks({ file, filename: 'd.csv', plan, send: s.send, signal: abort.signal })).rejects.toThrow(/stopped/);
    expect(s.seen).toHaveLength(0);
  });

  it('builds the multipart form: fields, then the bytes as file', async () => {
    const form = chunkForm({ index: 0, fields: { filename: 'd.csv', chunkIndex: '0' }, bytes: new Blob(['a,b\n']), filename: 'd.csv' });
    expect(form.get('chunkIndex')).toBe('0');
    const part = form.get('file') as File;
    expect(part.name).toBe('d.csv');
    expect(await part.text()).toBe('a,b\n');
  });
});
