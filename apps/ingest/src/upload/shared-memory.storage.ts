/**
 * The multipart storage of chunk uploads: memory storage as @nestjs/platform-fastify's own (`file.buffer`, one copy
 * of the parts as they came), except that the Buffer is a view of a SharedArrayBuffer. The inspection thread
 * (chunk-inspector.ts) then reads the same memory for the chunk's digest and shape scan, where an ArrayBuffer had to
 * be copied for it (and Web Crypto copied it once more for the digest): one megabyte copied and allocated per
 * uploaded megabyte instead of three. Nothing writes to the Buffer once it is handed over.
 */
import type { MultipartStorageEngine } from '@nestjs/platform-fastify/multipart';

export function sharedMemoryStorage(): MultipartStorageEngine {
  return {
    _handleFile(_req, file, callback) {
      const parts: Buffer[] = [];
      let size = 0;
      const onData = (part: Buffer) => {
        parts.push(part);
        size += part.length;
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
