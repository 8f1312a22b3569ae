/** EventDelivery's decisions, over a fake codec, dead-letter writer and retry counter. */
import { Logger } from '@nestjs/common';
import { EventDelivery, EventDispatch, PermanentEventError } from './event-delivery';
import type { KafkaEventContext } from './kafka-event.context';
import { aMessage, anEvent, FakeCodec, FakeDeadLetters, FakeRetryCounter } from './testing/kafka.fakes';

beforeAll(() => Logger.overrideLogger(false));

function deliveryOf(dispatch: EventDispatch, settings: { maxAttempts?: number; perInstance?: boolean; counter?: FakeRetryCounter } = {}) {
  const deadLetters = new FakeDeadLetters();
  const delivery = new EventDelivery(new FakeCodec(), deadLetters, dispatch, {
    group: 'status-projector',
    maxAttempts: settings.maxAttempts ?? 3,
    retryDelayMs: 1,
    perInstance: settings.perInstance ?? false,
    counter: settings.counter,
  });
  let stopping = false;
  let heartbeats = 0;
  const hooks = {
    heartbeat: async () => void heartbeats++,
    shuttingDown: () => stopping,
  };
  return {
    deadLetters,
    deliver: (message = aMessage()) => delivery.deliver({ topic: 'modelstream.training-events', partition: 2, message }, hooks),
    stop: () => (stopping = true),
    heartbeats: () => heartbeats,
  };
}

/** A handler that fails `times` times with `error`, then succeeds; records the contexts it saw. */
function failing(times: number, error: () => unknown = () => new Error('database down')) {
  const seen: KafkaEventContext[] = [];
  const dispatch: EventDispatch = async (_event, context) => {
    seen.push(context);
    if (seen.length <= times) throw error();
  };
  return { dispatch, seen };
}

describe('EventDelivery', () => {
  it('hands the decoded event and where it came from to the handler; the message may then be committed', async () => {
    const event = anEvent({ trackingId: 'job-7', type: 'TrainingCompleted' });
    const message = aMessage(event);
    let got: unknown;
    const { deliver, deadLetters } = deliveryOf(async (e, context) => {
      got = { e, topic: context.getTopic(), partition: context.getPartition(), offset: context.getOffset(), group: context.getGroup() };
    });

    await expect(deliver(message)).resolves.toBe('handled');

    expect(got).toEqual({
      e: event,
      topic: 'modelstream.training-events',
      partition: 2,
      offset: message.offset,
      group: 'status-projector',
    });
    expect(deadLetters.sent).toEqual([]);
  });

  it('retries a transient failure with a heartbeat before each wait, then succeeds', async () => {
    const { dispatch, seen } = failing(2);
    const { deliver, deadLetters, heartbeats } = deliveryOf(dispatch);

    await expect(deliver()).resolves.toBe('handled');

    expect(seen.map((c) => [c.getAttempt(), c.isFinalAttempt()])).toEqual([
      [1, false],
      [2, false],
      [3, true],
    ]);
    expect(heartbeats()).toBe(2);
    expect(deadLetters.sent).toEqual([]);
  });

  it('dead-letters a message whose handler keeps failing after maxAttempts tries, with the count', async () => {
    const { dispatch, seen } = failing(Infinity);
    const { deliver, deadLetters } = deliveryOf(dispatch, { maxAttempts: 3 });
    const message = aMessage();

    await expect(deliver(message)).resolves.toBe('dead-lettered');

    expect(seen).toHaveLength(3);
    expect(deadLetters.sent).toHaveLength(1);
    expect(deadLetters.sent[0]).toMatchObject({
      origin: { group: 'status-projector', topic: 'modelstream.training-events', partition: 2, offset: message.offset },
      message: { key: message.key, value: message.value },
      attempts: 3,
    });
    expect(String(deadLetters.sent[0].error)).toContain('database down');
  });

  it('continues a durable attempt count: two failures before a restart leave one try, and the count is cleared', async () => {
    const counter = new FakeRetryCounter();
    const message = aMessage();
    const origin = { group: 'status-projector', topic: 'modelstream.training-events', partition: 2, offset: message.offset };
    await counter.increment(origin);
    await counter.increment(origin);
    const { dispatch, seen } = failing(Infinity);
    const { deliver, deadLetters } = deliveryOf(dispatch, { maxAttempts: 3, counter });

    await expect(deliver(message)).resolves.toBe('dead-lettered');

    expect(seen.map((c) => c.getAttempt())).toEqual([3]);
    expect(deadLetters.sent[0].attempts).toBe(3);
    expect(counter.counts.size).toBe(0);
  });

  it('counts in memory when the durable counter is unreachable', async () => {
    const counter = new FakeRetryCounter();
    counter.down = true;
    const { dispatch, seen } = failing(Infinity);
    const { deliver, deadLetters } = deliveryOf(dispatch, { maxAttempts: 2, counter });

    await expect(deliver()).resolves.toBe('dead-lettered');

    expect(seen).toHaveLength(2);
    expect(deadLetters.sent[0].attempts).toBe(2);
  });

  it('dead-letters an undecodable message at once, without calling the handler', async () => {
    const { dispatch, seen } = failing(0);
    const { deliver, deadLetters } = deliveryOf(dispatch);

    await expect(deliver(aMessage('this is not avro'))).resolves.toBe('dead-lettered');

    expect(seen).toHaveLength(0);
    expect(deadLetters.sent).toHaveLength(1);
    expect(deadLetters.sent[0].attempts).toBe(1);
    expect(String(deadLetters.sent[0].error)).toMatch(/decode/);
  });

  it('dead-letters at once what the handler calls permanent', async () => {
    const { dispatch, seen } = failing(Infinity, () => new PermanentEventError('unexpected event type Nope'));
    const { deliver, deadLetters } = deliveryOf(dispatch, { maxAttempts: 5 });

    await expect(deliver()).resolves.toBe('dead-lettered');

    expect(seen).toHaveLength(1);
    expect(deadLetters.sent[0].attempts).toBe(1);
  });

  it('hands the message back (rejects, so it stays uncommitted) when the app shuts down during a failure', async () => {
    const { deliver, deadLetters, stop } = deliveryOf(async () => {
      stop();
      throw new Error('the trainer is shutting down');
    });

    await expect(deliver()).rejects.toThrow('shutting down');

    expect(deadLetters.sent).toEqual([]);
  });

  it('skips, rather than dead-letters, what a per-instance group can never handle', async () => {
    const { deliver, deadLetters } = deliveryOf(async () => undefined, { perInstance: true });

    await expect(deliver(aMessage('garbage'))).resolves.toBe('skipped');

    expect(deadLetters.sent).toEqual([]);
  });
});
