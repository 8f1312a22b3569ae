/**
 * Rejects bytes that are not UTF-8, chunk by chunk and across chunk borders, without decoding the file:
 * an all-ASCII chunk (the usual CSV of numbers) is checked natively and skipped; a chunk with other bytes,
 * and the one after it (which may finish a character the first one started), go through a strict
 * streaming TextDecoder whose output is dropped.
 */
import { isAscii } from 'node:buffer';
import { DatasetError } from '../dataset-error';

export class Utf8Guard {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private previousNonAscii = false;
  /** Bytes checked so far. */
  bytes = 0;

  check(chunk: Uint8Array): void {
    const nonAscii = !isAscii(chunk);
    if (nonAscii || this.previousNonAscii) {
      try {
        this.decoder.decode(chunk, { stream: true });
      } catch {
        throw new DatasetError(
          `The file is not valid UTF-8 text (bad bytes within bytes ${this.bytes}–${this.bytes + chunk.length}). Save it as a UTF-8 encoded CSV and upload it again.`,
        );
      }
    }
    this.previousNonAscii = nonAscii;
    this.bytes += chunk.length;
  }

  end(): void {
    try {
      this.decoder.decode();
    } catch {
      throw new DatasetError('The file is not valid UTF-8 text (it ends in the middle of a character). Save it as a UTF-8 encoded CSV.');
    }
  }
}
