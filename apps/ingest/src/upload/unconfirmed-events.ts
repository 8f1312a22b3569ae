/**
 * An event whose send failed may still be in Kafka: a send that timed out can be delivered after the client
 * got its 503 (KafkaJS keeps retrying), and a broker may write a batch whose acknowledgement was lost. So an
 * upload keeps the identity (eventId, timestamp) of such an event, and the retry of the same fact sends the
 * same event again: a copy that lands late is then a byte-for-byte repeat, which every consumer drops (by its
 * (job, topic) sequence, the audit by eventId), never a second version of the fact with another time.
 *
 * Chunk events: kept in the upload's state when their send fails, by chunk index and the chunk's sha256 (other
 * bytes for the same index are another fact). The completion event (TrainingRequested or UploadCompleted): its
 * identity is drawn when the last chunk is accepted and saved with that state, so the retry that finishes an
 * interrupted completion sends the event the first attempt may have sent. No extra round trip on the way of an
 * accepted chunk: the first is written only when a send failed, the second with a write made anyway.
 *
 * And an upload whose chunk 0 was announced but whose client got no answer has no state at all: the history
 * knows it, and lostUpload rebuilds enough of it to close it.
 */
import { randomUUID } from 'node:crypto';
import type { UploadSettings } from './training-plan';
import { chunkObjectKey, newUpload, UploadState } from './upload-session';

export interface EventIdentity {
  eventId: string;
  timestamp: number;
}

/** Sent-but-unconfirmed events of an upload, by `chunk/<index>` or `completion`. */
export type UnconfirmedEvents = Record<string, EventIdentity & { sha256?: string }>;

export const chunkEventKey = (index: number) => `chunk/${index}`;
export const COMPLETION_EVENT = 'completion';

/** The identity of the event for `key`: the one kept for it (with the same sha256, if given), else a new one. */
export function eventIdentity(unconfirmed: UnconfirmedEvents | undefined, key: string, sha256?: string, now = Date.now()): EventIdentity {
  const kept = unconfirmed?.[key];
  if (kept && kept.sha256 === sha256) return { eventId: kept.eventId, timestamp: kept.timestamp };
  return { eventId: randomUUID(), timestamp: now };
}

/** `unconfirmed` with `key` kept as `identity` (and the chunk's sha256). */
export function keepUnconfirmed(
  unconfirmed: UnconfirmedEvents | undefined,
  key: string,
  identity: EventIdentity,
  sha256?: string,
): UnconfirmedEvents {
  return { ...unconfirmed, [key]: { ...identity, ...(sha256 === undefined ? {} : { sha256 }) } };
}

/** `unconfirmed` without `key` (its event is acknowledged); undefined once none is left. */
export function confirmed(unconfirmed: UnconfirmedEvents | undefined, key: string): UnconfirmedEvents | undefined {
  if (!unconfirmed || !(key in unconfirmed)) return unconfirmed;
  const rest = { ...unconfirmed };
  delete rest[key];
  return Object.keys(rest).length > 0 ? rest : undefined;
}

/** What the job history knows of an upload: enough to close one whose state is gone. */
export interface SeenUpload {
  ownerId: string;
  filename: string | null;
  totalChunks: number | null;
  receivedChunks: number;
  createdAt: Date;
}

/**
 * An upload known only from its events: its state was never saved (chunk 0's send failed, then landed anyway) or
 * is lost. Null without a chunk count, which its abort event's sequence needs. Its chunks by their object keys.
 */
export function lostUpload(trackingId: string, seen: SeenUpload, settings: UploadSettings): UploadState | null {
  if (seen.totalChunks === null) return null;
  const chunks = Array.from({ length: seen.receivedChunks }, (_, i) => ({ objectKey: chunkObjectKey(trackingId, i), size: 0, sha256: '' }));
  const facts = { filename: seen.filename ?? 'unknown.csv', totalChunks: seen.totalChunks };
  return { ...newUpload(trackingId, seen.ownerId, facts, settings, seen.createdAt.getTime()), chunks };
}
