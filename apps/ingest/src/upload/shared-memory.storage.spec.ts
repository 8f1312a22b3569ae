import { PassThrough } from 'node:stream';
import { crc32 } from 'node:zlib';
import type { IncomingMultipartFile, UploadedMultipartFile } from '@nestjs/platform-fastify/multipart';
import { crc32Of, isShared, sharedMemoryStorage } from './shared-memory.storage';

function store(parts: Buffer[], error?: Error): Promise<Partial<UploadedMultipartFile>> {
  const stream = new PassThrough();
  const file = { fieldname: 'file', originalname: 'a.csv', encoding: '7bit', mimetype: 'text/csv', stream } as IncomingMultipartFile;
  const stored = new Promise<Partial<UploadedMultipartFile>>((resolve, reject) =>
    sharedMemoryStorage()._handleFile({}, file, (failure, info) => (failure ? reject(failure) : resolve(info!))),
  );
  for (const part of parts) stream.write(part);
  if (error) stream.destroy(error);
  else stream.end();
  return stored;
}

describe('sharedMemoryStorage', () => {
  it("keeps the file's parts, in order, as one Buffer over shared memory", async () => {
    const parts = [Buffer.from('a,b\n'), Buffer.alloc(70_000, '1,2\n'), Buffer.from('3,4\n')];
    const info = await store(parts);
    expect(info.size).toBe(70_008);
    expect(isShared(info.buffer!)).toBe(true);
    expect(info.buffer!.equals(Buffer.concat(parts))).toBe(true);
  });

  it("knows the CRC-32 of a file it stored, taken part by part, and reads any other Buffer's", async () => {
    const parts = [Buffer.from('a,b\n'), Buffer.alloc(70_000, '1,2\n'), Buffer.from('3,4\n')];
    const { buffer } = await store(parts);
    expect(crc32Of(buffer!)).toBe(crc32(Buffer.concat(parts)));
    const other = Buffer.from('x,y\n1,2\n');
    expect(crc32Of(other)).toBe(crc32(other));
    expect(crc32Of(buffer!.subarray(4))).toBe(crc32(Buffer.concat(parts).subarray(4))); // a view is not the stored file
  });

  it('stores an empty file as an empty Buffer', async () => {
    expect(await store([])).toMatchObject({ size: 0, buffer: Buffer.alloc(0) });
  });

  it("passes the stream's error on (a file over the limit)", async () => {
    await expect(store([Buffer.from('a')], new Error('too large'))).rejects.toThrow('too large');
  });

  it('drops the Buffer of a file it is asked to remove', async () => {
    const file = { buffer: Buffer.from('x') } as UploadedMultipartFile;
    await new Promise<void>((resolve) => sharedMemoryStorage()._removeFile({}, file, () => resolve()));
    expect(file.buffer).toBeUndefined();
  });

  it('tells shared memory from an ArrayBuffer', () => {
    expect(isShared(Buffer.from('x'))).toBe(false);
    expect(isShared(new Uint8Array(new SharedArrayBuffer(1)))).toBe(true);
  });
});
