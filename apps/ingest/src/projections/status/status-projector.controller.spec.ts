/** StatusProjectorController: one apply per event, under the event's logical topic, counted; failures not swallowed. */
import { Logger } from '@nestjs/common';
import { TOPICS } from '@modelstream/contracts';
import { AnyEvent, KafkaEventContext } from '@modelstream/kafka';
import type { Metrics } from '@modelstream/platform';
import type { JobStatusProjection } from './job-status.projection';
import { STATUS_PROJECTOR, StatusProjectorController } from './status-projector.controller';

beforeAll(() => Logger.overrideLogger(false));

const event = {
  eventId: 'e-1',
  trackingId: 'job-1',
  sequence: 3,
  timestamp: 1,
  producer: 't',
  type: 'TrainingStarted',
  payload: {},
} as AnyEvent;
const contextOn = (topic: string) =>
  new KafkaEventContext({
    group: 'modelstream-status-projector-v2',
    topic,
    partition: 0,
    offset: '5',
    message: { key: null, value: null, offset: '5', timestamp: '0' },
    attempt: 1,
    finalAttempt: false,
    heartbeat: async () => undefined,
    shuttingDown: () => false,
  });

function controllerWith(apply: (e: AnyEvent, topic: string) => Promise<boolean>) {
  const counted: Record<string, string>[] = [];
  const metrics = { counter: () => ({ inc: (labels: Record<string, string>) => counted.push(labels) }) };
  const controller = new StatusProjectorController({ apply } as unknown as JobStatusProjection, metrics as unknown as Metrics);
  return { controller, counted };
}

describe('StatusProjectorController', () => {
  it('applies each event to the status projection under its logical topic and counts it', async () => {
    const applied: unknown[] = [];
    const { controller, counted } = controllerWith(async (e, topic) => {
      applied.push([e, topic]);
      return true;
    });

    await controller.project(event, contextOn(TOPICS.trainingEvents.name));

    expect(applied).toEqual([[event, TOPICS.trainingEvents.name]]);
    expect(counted).toEqual([{ topic: TOPICS.trainingEvents.name, changed: 'true' }]);
  });

  it('lets a failed apply reach the transport (so the offset is not committed)', async () => {
    const { controller, counted } = controllerWith(async () => {
      throw new Error('redis is down');
    });

    await expect(controller.project(event, contextOn(TOPICS.uploadChunks.name))).rejects.toThrow('redis is down');
    expect(counted).toEqual([]);
  });

  it('is its own consumer group over every job topic', () => {
    expect(STATUS_PROJECTOR.options.groupId).toBe('modelstream-status-projector-v2');
    expect(STATUS_PROJECTOR.events().map((r) => r.topic)).toEqual([
      TOPICS.uploadChunks.name,
      TOPICS.trainingRequests.name,
      TOPICS.trainingControl.name,
      TOPICS.trainingEvents.name,
    ]);
  });
});
