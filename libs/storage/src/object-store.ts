/**
 * Our one door to the object store (S3 API). Works against AWS S3, MinIO, RustFS, versitygw or s3proxy by
 * configuration alone (endpoint, region, credentials, path-style addressing).
 */
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { Readable } from 'node:stream';
import { AppConfig } from '@modelstream/config';
import { DependencyUnavailableError, InvalidInputError, NotFoundError } from '@modelstream/contracts';

export interface StoredObject {
  key: string;
  size: number;
}

@Injectable()
export class ObjectStore implements OnApplicationShutdown {
  readonly client: S3Client;

  constructor(private readonly config: AppConfig) {
    this.client = new S3Client({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
      credentials: { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY },
      maxAttempts: 3,
      // Older S3-compatible stores (s3proxy among them) do not speak the newer default checksums.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  /**
   * Stores `body` under `key`. `crc32` (zlib's CRC-32 of the body, as the caller took it), when given, goes as the
   * object's CRC32 checksum (x-amz-checksum-crc32, signed with the headers) and the payload itself unsigned: the store
   * checks the bytes against it (a mismatch is a 400 BadDigest), so neither side hashes them for the signature, and
   * CRC-32 (hardware-assisted on both sides) costs the store a fraction of a SHA-256 (versitygw, 1 MiB puts: 2.0 → 1.2–1.5
   * ms of CPU per MiB, p50 2.9–3.3 → 2.1–2.4 ms). The checksum guards the bytes on their way; a chunk's identity is
   * its sha256, taken apart.
   */
  async put(bucket: string, key: string, body: Buffer | string, contentType = 'application/octet-stream', crc32?: number): Promise<void> {
    const checksum = crc32 === undefined ? {} : { ChecksumCRC32: crc32Base64(crc32) };
    const command = new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType, ...checksum });
    if (crc32 !== undefined) {
      command.middlewareStack.add(
        (next) => (args) => {
          (args.request as { headers: Record<string, string> }).headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
          return next(args);
        },
        { step: 'build', name: 'checksummedPayload' },
      );
    }
    await this.call(`storing ${key}`, () => this.client.send(command));
  }

  async getBuffer(bucket: string, key: string): Promise<Buffer> {
    const stream = await this.getStream(bucket, key);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async getStream(bucket: string, key: string): Promise<Readable> {
    const out = await this.call(`reading ${key}`, () => this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key })), key);
    return out.Body as Readable;
  }

  async list(bucket: string, prefix: string): Promise<StoredObject[]> {
    const objects: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.call(`listing ${prefix}`, () =>
        this.client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token })),
      );
      for (const o of page.Contents ?? []) objects.push({ key: o.Key!, size: Number(o.Size ?? 0) });
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return objects;
  }

  /** Deletes one object (S3 answers alike whether it was there or not). */
  async delete(bucket: string, key: string): Promise<void> {
    await this.call(`deleting ${key}`, () => this.client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key })), key);
  }

  async deletePrefix(bucket: string, prefix: string): Promise<number> {
    const objects = await this.list(bucket, prefix);
    for (let i = 0; i < objects.length; i += 1000) {
      const batch = objects.slice(i, i + 1000).map((o) => ({ Key: o.key }));
      await this.call(`deleting ${prefix}`, () =>
        this.client.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: batch } })),
      );
    }
    return objects.length;
  }

  async ensureBucket(bucket: string): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: bucket }));
    } catch {
      await this.call(`creating bucket ${bucket}`, () => this.client.send(new CreateBucketCommand({ Bucket: bucket })));
    }
  }

  presignedGetUrl(bucket: string, key: string, expiresInSeconds = 3600): Promise<string> {
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: bucket, Key: key }), { expiresIn: expiresInSeconds });
  }

  async ping(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.config.S3_BUCKET_UPLOADS }));
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }

  private async call<T>(what: string, fn: () => Promise<T>, key?: string): Promise<T> {
    try {
      return await fn();
    } catch (error) {
      throw objectStoreError(error, what, key);
    }
  }
}

/**
 * What an object store failure means for the caller. Missing (404: no such key or bucket) and refused-as-asked
 * (400) are permanent: a NotFoundError or an InvalidInputError, never retried — a job naming objects that are not
 * there fails at once instead of waiting out an "outage". Anything else (5xx, the network, a refused signature, bytes
 * damaged on the way: BadDigest) is a 503 to retry. What S3 said — a refused signature echoes the access key id and
 * the string it signed — goes only to the logs (`detail`).
 */
export function objectStoreError(error: unknown, what: string, key?: string): Error {
  const name = (error as { name?: string }).name;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status === 404 || name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket') {
    return new NotFoundError(
      key ? `Object ${key} does not exist in the object store.` : `What was asked for while ${what} does not exist in the object store.`,
    );
  }
  if (name === 'BadDigest') {
    // The bytes did not arrive as they left (their checksum was taken before): sending them again is the remedy.
    return new DependencyUnavailableError('object-store', `The object store received damaged bytes while ${what}. Retry the request.`, 1);
  }
  if (status === 400)
    return new InvalidInputError(`The object store refused the request while ${what}: the object's name is not one it takes.`);
  return new DependencyUnavailableError(
    'object-store',
    status !== undefined && status < 500
      ? `The object store refused the request while ${what}; an operator should check its settings. Retry later.`
      : `The object store failed while ${what}. Retry the request.`,
    5,
    `${name ?? 'error'} (HTTP ${status ?? '-'}): ${(error as Error).message}`,
  );
}

/** A CRC-32 as S3's x-amz-checksum-crc32 carries it: its four bytes, big-endian, in base64. */
function crc32Base64(crc32: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc32 >>> 0);
  return bytes.toString('base64');
}
