/**
 * The Kafka edge of a hybrid Nest app: a custom transport (`app.connectMicroservice({ strategy })`) whose
 * handlers are `@EventPattern(group.events(...), group.extras)` methods of `@EventsController()` classes.
 * It forms one GroupConsumer per ConsumerGroup named in the patterns, starts them in the background when
 * the app starts its microservices (after every bootstrap hook), `catchUpFirst` groups first, and routes
 * each decoded event to the handler of its (group, topic, type) — or of its (group, topic) — awaiting it,
 * so its failure decides the message's fate. An event no handler takes is dead-lettered as unexpected. A group
 * with `@EventPattern(group.batches(), group.extras)` handlers gets each fetch of those topics as one batch.
 * Stops fetching when the app begins to shut down, before its HTTP side and its clients close.
 */
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { CustomTransportStrategy, MessageHandler, Server } from '@nestjs/microservices';
import { isObservable, lastValueFrom } from 'rxjs';
import { CONSUMER_GROUP_EXTRA, ConsumerGroup } from './consumer-group';
import { DeadLetterWriter } from './dead-letter.writer';
import { AnyEvent, EventCodec } from './event-codec';
import { PermanentEventError } from './event-delivery';
import { GroupConsumer, GroupPlan } from './group-consumer';
import { KafkaClient } from './kafka-client';
import { KafkaEventBatchContext } from './kafka-event-batch.context';
import { KafkaEventContext } from './kafka-event.context';

export const KAFKA_EVENTS = Symbol('kafka-events');

/** What the transport needs of a running group (a GroupConsumer; a fake in unit specs). */
export interface GroupRunner {
  readonly catchUpFirst: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Makes the GroupConsumers (a class of its own so the transport can be tested without Kafka). */
@Injectable()
export class GroupConsumerFactory {
  constructor(
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
    private readonly deadLetters: DeadLetterWriter,
  ) {}

  create(plan: GroupPlan): GroupRunner {
    return new GroupConsumer(this.kafka, this.codec, this.deadLetters, plan);
  }
}

@Injectable()
export class KafkaEventTransport extends Server implements CustomTransportStrategy, BeforeApplicationShutdown {
  override transportId = KAFKA_EVENTS;
  override readonly propagatesEventHandlerErrors = true;
  private readonly log = new Logger(KafkaEventTransport.name);
  private groups: GroupRunner[] = [];
  private running?: Promise<void>;

  constructor(
    private readonly factory: GroupConsumerFactory,
    private readonly moduleRef: ModuleRef,
  ) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown): void {
    this.groups = this.plans().map((plan) => this.factory.create(plan));
    this.running = this.startGroups().catch((error: unknown) =>
      this.log.error({ err: String(error), msg: 'consumer groups failed to start' }),
    );
    callback();
  }

  /** The app is stopping: fetch no more and hand back what is in hand, before HTTP and the clients close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    await Promise.all(this.groups.map((g) => g.stop()));
    await this.running;
  }

  on(): never {
    throw new Error('KafkaEventTransport emits no events');
  }

  unwrap<T>(): T {
    return this.groups as T;
  }

  private async startGroups(): Promise<void> {
    // Groups that must know their topics' history first (cancel requests) before any other consumes.
    await Promise.all(this.groups.filter((g) => g.catchUpFirst).map((g) => g.start()));
    await Promise.all(this.groups.filter((g) => !g.catchUpFirst).map((g) => g.start()));
  }

  private plans(): GroupPlan[] {
    const groups = new Map<string, ConsumerGroup>();
    for (const [route, handler] of this.messageHandlers) {
      const group = (handler.extras as Record<string, unknown> | undefined)?.[CONSUMER_GROUP_EXTRA];
      if (!(group instanceof ConsumerGroup)) {
        this.log.warn({ route, msg: 'handler names no consumer group (use @EventPattern(group.events(), group.extras)); ignored' });
        continue;
      }
      const known = groups.get(group.name);
      if (known && known !== group) throw new Error(`two consumer groups are named ${group.name}`);
      groups.set(group.name, group);
    }
    return [...groups.values()].map((group) => {
      const { groupId, retryCounter, topics } = group.options;
      const batchTopics = new Set(topics.map((t) => t.name).filter((topic) => this.batchHandlerOf(group, topic)));
      return {
        group: group.options,
        groupId: typeof groupId === 'string' ? groupId : groupId(this.moduleRef),
        counter: retryCounter ? this.moduleRef.get(retryCounter, { strict: false }) : undefined,
        dispatch: (event, context) => this.dispatch(group, event, context),
        batches:
          batchTopics.size > 0
            ? { topics: batchTopics, dispatch: (events, context) => this.dispatchBatch(group, events, context) }
            : undefined,
      };
    });
  }

  private batchHandlerOf(group: ConsumerGroup, topic: string): MessageHandler | undefined {
    return this.handlerOf({ group: group.name, topic, batch: 'true' });
  }

  private async dispatchBatch(group: ConsumerGroup, events: AnyEvent[], context: KafkaEventBatchContext): Promise<void> {
    const handler = this.batchHandlerOf(group, context.getTopic());
    if (!handler) throw new Error(`no batch handler for ${context.getTopic()} (consumer group ${group.name})`);
    const result = await handler(events, context);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  private async dispatch(group: ConsumerGroup, event: AnyEvent, context: KafkaEventContext): Promise<void> {
    const topic = context.getTopic();
    const handler = this.handlerOf({ group: group.name, topic, type: event.type }) ?? this.handlerOf({ group: group.name, topic });
    if (!handler) throw new PermanentEventError(`unexpected event type ${event.type} on ${topic} (consumer group ${group.name})`);
    const result = await handler(event, context);
    if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
  }

  /** The handler of a route (an EventRoute; every key a string, as Nest's pattern type wants). */
  private handlerOf(route: Record<string, string>): MessageHandler | undefined {
    return this.messageHandlers.get(this.normalizePattern(route));
  }
}
