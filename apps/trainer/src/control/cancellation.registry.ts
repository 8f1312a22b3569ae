import { Injectable } from '@nestjs/common';

const MAX_ENTRIES = 10_000;

/**
 * The trackingIds this instance has seen a cancel request for, bounded (oldest forgotten first). Filled
 * from the control topic from its beginning, so a cancel sent before a job starts is known when it does.
 */
@Injectable()
export class CancellationRegistry {
  private readonly reasons = new Map<string, string>();

  mark(trackingId: string, reason: string): void {
    this.reasons.delete(trackingId);
    this.reasons.set(trackingId, reason || 'cancelled by request');
    if (this.reasons.size > MAX_ENTRIES) this.reasons.delete(this.reasons.keys().next().value!);
  }

  reasonFor(trackingId: string): string | null {
    return this.reasons.get(trackingId) ?? null;
  }
}
