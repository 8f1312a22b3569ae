/**
 * The multipart storage of chunk uploads: memory storage as @nestjs/platform-fastify's own (`file.buffer`, one copy
 * of the parts as they came), except that the Buffer is a view of a SharedArrayBuffer. The inspection thread
 * (chunk-inspector.ts) then reads the same memory for the chunk's digest and shape scan, where an ArrayBuffer had to
 * be copied for it (and Web Crypto copied it once more for the digest): one megabyte copied and allocated per
 * uploaded megabyte instead of three. Nothing writes to the Buffer once it is handed over.
 * The file's CRC-32 (its object-store checksum) is taken part by part as they arrive, while each is still in the
 * CPU's cache: a second pass over the megabyte after it cost twice as much (crc32Of).
 */
import { crc32 } from 'node:zlib';
import type { MultipartStorageEngine } from '@nestjs/platform-fastify/multipart';

/** The CRC-32 of each file this storage made, taken as its parts arrived. */
const checksums = new WeakMap<Buffer, number>();

/** zlib's CRC-32 of `bytes`: as taken when they arrived, for a file of this storage; else read now. */
export function crc32Of(bytes: Buffer): number {
  return checksums.get(bytes) ?? crc32(bytes);
}

export function sharedMemoryStorage(): MultipartStorageEngine {
  return {
    _handleFile(_req, file, callback) {
      const parts: Buffer[] = [];
      let size = 0;
      let checksum = 0;
      const onData = (part: Buffer) => {
        parts.push(part);
        size += part.length;
        checksum = crc32(part, checksum);
      };
      const onError = (error: unknown) => {
        stopListening();
        callback(error);
      };
      const onEnd = () => {
        stopListening();
        const buffer = Buffer.from(new SharedArrayBuffer(size));
        // fill() with a part as long as its range copies it with one memcpy; copy() and set() into shared memory
        // copy it byte by byte (V8's relaxed copy for shared memory), several times slower.
        let at = 0;
        for (const part of parts) if (part.length > 0) buffer.fill(part, at, (at += part.length));
        checksums.set(buffer, checksum);
        callback(null, { buffer, size });
      };
      // The file's stream is kept until the request ends, and with it these listeners and the parts they hold.
      const stopListening = () => file.stream.off('data', onData).off('error', onError).off('end', onEnd);
      file.stream.on('data', onData).once('error', onError).once('end', onEnd);
    },
    _removeFile(_req, file, callback) {
      delete file.buffer;
      callback(null);
    },
  };
}

/** Whether `bytes` is a view of shared memory (shared with a worker as it is, not copied). */
export const isShared = (bytes: Uint8Array): boolean => bytes.buffer instanceof SharedArrayBuffer;
