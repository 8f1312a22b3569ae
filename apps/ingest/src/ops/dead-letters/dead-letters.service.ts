import { Injectable, Logger } from '@nestjs/common';
import { InvalidInputError, NotFoundError } from '@modelstream/contracts';
import { DeadLetter, DeadLetterStore, RepublishedLetter } from './dead-letter.store';

export interface DeadLetterFilter {
  originTopic?: string;
  consumerGroup?: string;
  /** Only letters at or after this offset of the dead-letter topic. */
  fromOffset?: string;
  limit?: number;
}

export interface LetterRef {
  partition?: number;
  offset: string;
}

/** Lists dead letters and re-publishes chosen ones to their origin topic. */
@Injectable()
export class DeadLettersService {
  private readonly logger = new Logger(DeadLettersService.name);

  constructor(private readonly store: DeadLetterStore) {}

  async list(filter: DeadLetterFilter): Promise<{ items: DeadLetter[]; total: number }> {
    const all = await this.store.readAll();
    const matching = all.filter(
      (l) =>
        (!filter.originTopic || l.origin.topic === filter.originTopic) &&
        (!filter.consumerGroup || l.consumerGroup === filter.consumerGroup) &&
        (!filter.fromOffset || BigInt(l.offset) >= BigInt(filter.fromOffset)),
    );
    return { items: matching.slice(0, filter.limit ?? 100), total: matching.length };
  }

  /** Re-publishes the named letters; names them all in one error and sends nothing if any is unknown. */
  async republish(refs: LetterRef[]): Promise<{ republished: RepublishedLetter[] }> {
    if (refs.length === 0) throw new InvalidInputError('Name at least one dead letter (its offset in the dead-letter topic).');
    const all = await this.store.readAll();
    const chosen: DeadLetter[] = [];
    const missing: string[] = [];
    for (const ref of refs) {
      const partition = ref.partition ?? 0;
      const letter = all.find((l) => l.partition === partition && l.offset === ref.offset);
      if (!letter) missing.push(`${partition}/${ref.offset}`);
      else if (!letter.origin.topic)
        throw new InvalidInputError(`Dead letter ${partition}/${ref.offset} has no origin topic header; it cannot be re-published.`);
      else chosen.push(letter);
    }
    if (missing.length > 0) {
      throw new NotFoundError(
        `No dead letter at ${missing.join(', ')} (partition/offset) in ${this.store.topic}. List them with GET /api/dead-letters.`,
      );
    }
    const republished = await this.store.republish(chosen);
    for (const r of republished) this.logger.log({ from: `${r.partition}/${r.offset}`, to: r.to, msg: 'dead letter re-published' });
    return { republished };
  }
}
