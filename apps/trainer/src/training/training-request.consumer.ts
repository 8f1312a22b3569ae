/**
 * The trainer's consumer group on modelstream.training-requests. One job at a time per instance, inside
 * eachMessage, heartbeating from the training loop so the long work never gets the member evicted (the
 * rebalance timeout is long enough for a training to finish before the member rejoins, so a rebalance
 * does not hand the running job to another instance). The request's offset is committed only after its
 * final event was acknowledged; an undecodable request is dead-lettered; a dependency outage is retried.
 */
import { Injectable, Logger } from '@nestjs/common';
import { Consumer, EachMessagePayload } from 'kafkajs';
import { DependencyUnavailableError, TOPICS, TrainingRequestEvent } from '@modelstream/contracts';
import { errorMessage, EventCodec, KafkaClient, UndecodableEventError } from '@modelstream/kafka';
import { DeadLetterWriter } from './dead-letter.writer';
import { JobInterruptedError, TrainingJobService } from './training-job.service';
import { TrainingEventsPublisher } from './training-events.publisher';

export const TRAINER_GROUP = 'modelstream-trainer';
const SESSION_TIMEOUT_MS = 30_000;
const HEARTBEAT_INTERVAL_MS = 3_000;
/** How long the group waits for a busy member to rejoin after a rebalance starts: the longest training. */
const REBALANCE_TIMEOUT_MS = 15 * 60_000;
const DEPENDENCY_RETRIES = 4;

@Injectable()
export class TrainingRequestConsumer {
  private readonly logger = new Logger(TrainingRequestConsumer.name);
  private consumer?: Consumer;
  private stopping = false;

  constructor(
    private readonly kafka: KafkaClient,
    private readonly codec: EventCodec,
    private readonly jobs: TrainingJobService,
    private readonly events: TrainingEventsPublisher,
    private readonly deadLetters: DeadLetterWriter,
  ) {}

  async start(): Promise<void> {
    this.stopping = false;
    const consumer = this.kafka.kafka.consumer({
      groupId: TRAINER_GROUP,
      sessionTimeout: SESSION_TIMEOUT_MS,
      rebalanceTimeout: REBALANCE_TIMEOUT_MS,
      heartbeatInterval: HEARTBEAT_INTERVAL_MS,
      // Fetch a few requests at a time: the rest stay in Kafka for idle instances.
      maxBytesPerPartition: 64 * 1024,
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topic: TOPICS.trainingRequests.name, fromBeginning: true });
    await consumer.run({ autoCommit: false, partitionsConsumedConcurrently: 1, eachMessage: (p) => this.onMessage(p) });
    this.logger.log({ group: TRAINER_GROUP, topic: TOPICS.trainingRequests.name, msg: 'consuming training requests' });
  }

  /** Stops fetching; a running job stops at its next batch and its request is handed back uncommitted. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.consumer?.disconnect().catch((e: unknown) => this.logger.warn({ err: errorMessage(e), msg: 'disconnect failed' }));
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    if (this.stopping) throw new JobInterruptedError('the trainer is shutting down');
    const commit = async () => {
      try {
        await this.consumer!.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      } catch (error) {
        // The job is final and its events are out; a redelivery only publishes its outcome again.
        this.logger.warn({ topic, partition, offset: message.offset, err: errorMessage(error), msg: 'offset commit failed' });
      }
    };

    let event: TrainingRequestEvent;
    try {
      if (!message.value) throw new UndecodableEventError('message has no value');
      event = await this.codec.decode<TrainingRequestEvent>(message.value);
    } catch (error) {
      if (!(error instanceof UndecodableEventError)) throw error; // the registry is down: KafkaJS retries
      await this.deadLetters.send({ topic, partition, message, groupId: TRAINER_GROUP }, error);
      await commit();
      return;
    }
    if (event.type !== 'TrainingRequested') {
      await this.deadLetters.send(
        { topic, partition, message, groupId: TRAINER_GROUP },
        new Error(`unexpected event type ${event.type as string}`),
      );
      await commit();
      return;
    }

    const ctx = { heartbeat: this.heartbeater(heartbeat), shuttingDown: () => this.stopping };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.jobs.run(event, ctx);
        break;
      } catch (error) {
        if (error instanceof JobInterruptedError || this.stopping) throw error;
        if (error instanceof DependencyUnavailableError && attempt < DEPENDENCY_RETRIES) {
          const delay = 2000 * 2 ** (attempt - 1);
          this.logger.warn({
            trackingId: event.trackingId,
            attempt,
            delayMs: delay,
            err: error.message,
            msg: 'dependency down, retrying job',
          });
          for (const until = Date.now() + delay; Date.now() < until && !this.stopping;) {
            await new Promise((r) => setTimeout(r, 500));
            await ctx.heartbeat();
          }
          continue;
        }
        const reason =
          error instanceof DependencyUnavailableError
            ? `The training could not run because ${error.dependency} is unavailable (${error.message}). Start the training again once it is back.`
            : `Internal error: ${errorMessage(error)}. Retry the training; if it fails again, report it with the trackingId.`;
        this.logger.error({ trackingId: event.trackingId, err: error instanceof Error ? error.stack : String(error), msg: 'job failed' });
        await this.events.failed(event.trackingId, { error: reason, stage: 'training', mlflowRunId: null });
        break;
      }
    }
    await commit();
  }

  /** A heartbeat that sends at most once a second and never aborts a training over a rebalance. */
  private heartbeater(heartbeat: () => Promise<void>): () => Promise<void> {
    let last = 0;
    let warned = false;
    return async () => {
      if (Date.now() - last < 1000) return;
      last = Date.now();
      try {
        await heartbeat();
      } catch (error) {
        if (!warned) this.logger.warn({ err: errorMessage(error), msg: 'heartbeat failed during a training; rejoining after it' });
        warned = true;
      }
    };
  }
}
