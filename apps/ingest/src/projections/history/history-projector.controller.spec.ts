/** HistoryProjectorController: one apply per event under its logical topic; its group's retry settings. */
import { Logger } from '@nestjs/common';
import type { ModuleRef } from '@nestjs/core';
import { AppConfig } from '@modelstream/config';
import { TOPICS } from '@modelstream/contracts';
import { AnyEvent, KafkaEventBatchContext, KafkaEventContext } from '@modelstream/kafka';
import { Metrics } from '@modelstream/platform';
import { HISTORY_PROJECTOR, HISTORY_TOPICS, HistoryProjectorController } from './history-projector.controller';
import type { JobHistoryProjection } from './job-history.projection';
import type { ApplyStages } from '../job-batch';
import { RedisRetryCounter } from './redis-retry-counter';

beforeAll(() => Logger.overrideLogger(false));

const event = {
  eventId: 'e-1',
  trackingId: 'job-1',
  sequence: 1,
  timestamp: 1,
  producer: 't',
  type: 'UploadChunkReceived',
  payload: {},
} as AnyEvent;
const context = new KafkaEventContext({
  group: 'modelstream-history-projector',
  topic: TOPICS.uploadChunks.name,
  partition: 1,
  offset: '9',
  message: { key: null, value: null, offset: '9', timestamp: '0' },
  attempt: 1,
  finalAttempt: false,
  heartbeat: async () => undefined,
  shuttingDown: () => false,
});

describe('HistoryProjectorController', () => {
  it('applies each event to the history projection under its logical topic', async () => {
    const applied: unknown[] = [];
    const controller = new HistoryProjectorController(
      {
        apply: async (e: AnyEvent, topic: string) => applied.push([e, topic]) > 0,
      } as unknown as JobHistoryProjection,
      new Metrics(),
    );

    await controller.project(event, context);

    expect(applied).toEqual([[event, TOPICS.uploadChunks.name]]);
  });

  it('lets a database failure reach the transport, which retries it', async () => {
    const controller = new HistoryProjectorController(
      {
        apply: async () => {
          throw new Error('mariadb is down');
        },
      } as unknown as JobHistoryProjection,
      new Metrics(),
    );

    await expect(controller.project(event, context)).rejects.toThrow('mariadb is down');
  });

  it('writes the batches of one turn in one transaction, and counts its events, its time and its stages in the metrics', async () => {
    const metrics = new Metrics();
    const written: number[] = [];
    const controller = new HistoryProjectorController(
      {
        applyBatch: async (items: unknown[], stages: ApplyStages) => {
          written.push(items.length);
          Object.assign(stages, { write: 3, fold: 0.5, commit: 7 });
          return items.map(() => true);
        },
      } as unknown as JobHistoryProjection,
      metrics,
    );
    const batch = (partition: number) =>
      new KafkaEventBatchContext({
        group: 'g',
        topic: TOPICS.trainingEvents.name,
        partition,
        firstOffset: '0',
        lastOffset: '1',
        heartbeat: async () => undefined,
        shuttingDown: () => false,
      });

    await Promise.all([controller.projectBatch([event, event], batch(0)), controller.projectBatch([event], batch(1))]);

    expect(written).toEqual([3]);
    const text = await metrics.registry.metrics();
    expect(text).toContain('ingest_history_transaction_events_total 3');
    expect(text).toContain('ingest_history_transaction_seconds_count{outcome="ok"} 1');
    expect(text).toContain('ingest_history_batch_wait_seconds_count 2');
    expect(text).toContain('ingest_history_transaction_stage_seconds_sum{stage="locking_read"} 0.003');
    expect(text).toContain('ingest_history_transaction_stage_seconds_sum{stage="fold"} 0.0005');
    expect(text).toContain('ingest_history_transaction_stage_seconds_sum{stage="writes_and_commit"} 0.007');
  });

  it('reads its group id from the config and counts attempts durably for minutes of outage', () => {
    const config = Object.assign(new AppConfig(), { HISTORY_CONSUMER_GROUP: 'history-of-this-db' });
    const ref = { get: (token: unknown) => (token === AppConfig ? config : undefined) } as unknown as ModuleRef;
    const { groupId, retryCounter, maxAttempts, topics } = HISTORY_PROJECTOR.options;

    expect(typeof groupId === 'function' && groupId(ref)).toBe('history-of-this-db');
    expect(retryCounter).toBe(RedisRetryCounter);
    expect(maxAttempts).toBe(36);
    expect(topics).toBe(HISTORY_TOPICS);
  });
});
