/**
 * What happens to one consumed message, apart from KafkaJS: decode it (Avro via the registry), hand it to
 * the group's handler, and classify a failure. A message that can never be handled (undecodable, an
 * unexpected type, PermanentEventError) is dead-lettered at once; any other failure is retried with backoff,
 * counted durably when the group has a RetryCounter, and dead-lettered after `maxAttempts`. While the app
 * shuts down nothing is retried: the failure is thrown, so the message goes back uncommitted.
 *
 * `deliver` resolves once the message may be committed, and rejects when it must not be.
 */
import { Logger } from '@nestjs/common';
import { retry } from '@modelstream/resilience';
import { ConsumedMessage, MessageOrigin, RetryCounter } from './consumed-message';
import type { DeadLetterWriter } from './dead-letter.writer';
import { AnyEvent, EventCodec, UndecodableEventError } from './event-codec';
import { KafkaEventContext } from './kafka-event.context';
import { errorMessage } from './kafka-client';

/** Thrown by a handler (or the router) for an event it can never apply (unknown type, invalid content). */
export class PermanentEventError extends Error {
  override name = 'PermanentEventError';
}

export type EventDispatch = (event: AnyEvent, context: KafkaEventContext) => Promise<void>;

export interface DeliverySettings {
  /** Logical group id (for the dead-letter headers and the retry counter). */
  group: string;
  maxAttempts: number;
  retryDelayMs: number;
  /** Skip, rather than dead-letter, what can never be handled (every instance reads the same messages). */
  perInstance: boolean;
  counter?: RetryCounter;
}

export interface InboundMessage {
  topic: string;
  partition: number;
  message: ConsumedMessage;
}

export interface DeliveryHooks {
  heartbeat: () => Promise<void>;
  shuttingDown: () => boolean;
}

export type DeliveryOutcome = 'handled' | 'dead-lettered' | 'skipped';

const MAX_RETRY_DELAY_MS = 10_000;

export const isPermanent = (error: unknown): boolean => error instanceof UndecodableEventError || error instanceof PermanentEventError;

export class EventDelivery {
  private readonly logger: Logger;

  constructor(
    private readonly codec: Pick<EventCodec, 'decode'>,
    private readonly deadLetters: Pick<DeadLetterWriter, 'send'>,
    private readonly dispatch: EventDispatch,
    private readonly settings: DeliverySettings,
  ) {
    this.logger = new Logger(`EventDelivery:${settings.group}`);
  }

  async deliver({ topic, partition, message }: InboundMessage, hooks: DeliveryHooks): Promise<DeliveryOutcome> {
    const origin: MessageOrigin = { group: this.settings.group, topic, partition, offset: message.offset };
    const { maxAttempts, counter } = this.settings;
    let failed = counter ? await this.counted(() => counter.attempts(origin), 0) : 0;
    try {
      await retry(
        async () => {
          const attempt = failed + 1;
          const event = await this.decode(message);
          const context = new KafkaEventContext({ ...origin, message, attempt, finalAttempt: attempt >= maxAttempts, ...hooks });
          await this.dispatch(event, context);
        },
        {
          attempts: Number.POSITIVE_INFINITY,
          initialDelayMs: this.settings.retryDelayMs,
          maxDelayMs: MAX_RETRY_DELAY_MS,
          retryIf: async (error) => {
            if (isPermanent(error) || hooks.shuttingDown()) return false;
            failed = counter ? await this.counted(() => counter.increment(origin, error), failed + 1) : failed + 1;
            return failed < maxAttempts;
          },
          onRetry: async (error) => {
            this.logger.warn({ ...origin, attempt: failed, err: describe(error), msg: 'handler failed, retrying' });
            await hooks.heartbeat();
          },
        },
      );
    } catch (error) {
      if (isPermanent(error)) return this.giveUp(origin, message, error, failed + 1, failed > 0);
      if (hooks.shuttingDown()) throw error; // handed back uncommitted
      return this.giveUp(origin, message, error, failed, true);
    }
    if (counter && failed > 0) await this.counted(() => counter.clear(origin), undefined);
    return 'handled';
  }

  private async decode(message: ConsumedMessage): Promise<AnyEvent> {
    if (!message.value) throw new UndecodableEventError('message has no value');
    return this.codec.decode(message.value);
  }

  private async giveUp(
    origin: MessageOrigin,
    message: ConsumedMessage,
    error: unknown,
    attempts: number,
    counted: boolean,
  ): Promise<DeliveryOutcome> {
    const counter = this.settings.counter;
    if (this.settings.perInstance) {
      this.logger.warn({ ...origin, err: describe(error), msg: 'message skipped: it can never be handled' });
    } else {
      await this.deadLetters.send(origin, message, error, attempts);
    }
    if (counter && counted) await this.counted(() => counter.clear(origin), undefined);
    return this.settings.perInstance ? 'skipped' : 'dead-lettered';
  }

  /** A counter that cannot be reached must not stop consumption: fall back to the in-memory count. */
  private async counted<T>(op: () => Promise<T>, fallback: T): Promise<T> {
    try {
      return await op();
    } catch (error) {
      this.logger.warn({ err: errorMessage(error), msg: 'retry counter unavailable, counting in memory' });
      return fallback;
    }
  }
}

/** Handler errors reach us unchanged through EventsController's filter; anything else is Nest's wrapped form. */
function describe(error: unknown): string {
  return error instanceof Error
    ? error.message
    : `non-Error rejection ${JSON.stringify(error)} (is the controller an @EventsController()?)`;
}
