/**
 * One chunk request as the controller hands it over, the checks it must pass before any upload state is
 * read (400s), and the facts the upload session decides on: where the chunk claims to belong and what
 * its bytes are (size, sha256).
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { InvalidInputError } from '@modelstream/contracts';
import type { SettingsInput } from './training-plan';

export interface ChunkInput extends SettingsInput {
  trackingId?: string;
  chunkIndex: number;
  totalChunks: number;
  bytes: Buffer | undefined;
}

export interface ChunkFacts {
  trackingId?: string;
  filename: string;
  chunkIndex: number;
  totalChunks: number;
  size: number;
  sha256: string;
}

export const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The facts of a chunk request checked by checkChunkRequest; `digest` is its bytes' sha256 (hex), off the event loop. */
export async function chunkFacts(input: ChunkInput, bytes: Buffer, digest: (bytes: Buffer) => Promise<string>): Promise<ChunkFacts> {
  const { trackingId, filename, chunkIndex, totalChunks } = input;
  return { trackingId, filename, chunkIndex, totalChunks, size: bytes.length, sha256: await digest(bytes) };
}

/** The bytes of a well-formed chunk request; a malformed request is a 400. */
export function checkChunkRequest(input: ChunkInput): Buffer {
  if (!input.bytes) {
    throw new InvalidInputError('The file part is missing. Send the chunk\'s bytes in a multipart field named "file".');
  }
  if (input.bytes.length === 0) {
    throw new InvalidInputError(
      `The file part of chunk ${input.chunkIndex} is empty. Send the chunk's bytes; an empty file cannot be trained on.`,
    );
  }
  if (basename(input.filename) !== input.filename || !/\.csv$/i.test(input.filename)) {
    throw new InvalidInputError(
      `filename "${input.filename}" is not a CSV file name. Upload a .csv file (a name like data.csv, without folders).`,
    );
  }
  if (input.chunkIndex >= input.totalChunks) {
    throw new InvalidInputError(
      `chunkIndex ${input.chunkIndex} is out of range for totalChunks ${input.totalChunks}: chunkIndex runs from 0 to totalChunks - 1.`,
    );
  }
  return input.bytes;
}
