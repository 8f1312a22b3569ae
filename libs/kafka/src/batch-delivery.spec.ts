/** BatchDelivery: a fetch handed on at once, undecodable messages dead-lettered alone, a failed batch one by one. */
import { Logger } from '@nestjs/common';
import type { AnyEvent } from './event-codec';
import { BatchDelivery, EventBatchDispatch } from './batch-delivery';
import { EventDelivery, PermanentEventError } from './event-delivery';
import type { KafkaEventBatchContext } from './kafka-event-batch.context';
import { aMessage, anEvent, FakeCodec, FakeDeadLetters } from './testing/kafka.fakes';

beforeAll(() => Logger.overrideLogger(false));

const TOPIC = 'modelstream.training-events';

function batchDeliveryOf(batch: EventBatchDispatch, single: (event: AnyEvent) => Promise<void>) {
  const deadLetters = new FakeDeadLetters();
  const codec = new FakeCodec();
  const one = new EventDelivery(codec, deadLetters, (event) => single(event), {
    group: 'status-projector',
    maxAttempts: 2,
    retryDelayMs: 1,
    perInstance: false,
  });
  const delivery = new BatchDelivery(codec, one, batch, 'status-projector');
  let stopping = false;
  const handled: string[] = [];
  const hooks = { heartbeat: async () => undefined, shuttingDown: () => stopping };
  return {
    deadLetters,
    handled,
    stop: () => (stopping = true),
    deliver: (messages = [aMessage()]) =>
      delivery.deliver({ topic: TOPIC, partition: 1, messages }, hooks, (offset) => handled.push(offset)),
  };
}

const events = (n: number) => Array.from({ length: n }, (_, i) => anEvent({ sequence: i + 1, eventId: `e${i}` }));

describe('BatchDelivery', () => {
  it('hands the decoded events of a fetch to the batch handler at once, in order, then lets the whole batch commit', async () => {
    const batches: Array<{ events: AnyEvent[]; context: KafkaEventBatchContext }> = [];
    const { deliver, handled, deadLetters } = batchDeliveryOf(
      async (e, context) => void batches.push({ events: e, context }),
      async () => {
        throw new Error('no single delivery expected');
      },
    );
    const messages = events(3).map((e) => aMessage(e));

    await deliver(messages);

    expect(batches).toHaveLength(1);
    expect(batches[0].events.map((e) => e.sequence)).toEqual([1, 2, 3]);
    expect([batches[0].context.getTopic(), batches[0].context.getPartition()]).toEqual([TOPIC, 1]);
    expect(batches[0].context.getOffsets()).toEqual({ first: messages[0].offset, last: messages[2].offset });
    expect(handled).toEqual([messages[2].offset]);
    expect(deadLetters.sent).toEqual([]);
  });

  it('dead-letters an undecodable message alone and applies the rest of its batch', async () => {
    const seen: number[] = [];
    const { deliver, handled, deadLetters } = batchDeliveryOf(
      async (e) => void seen.push(...e.map((x) => Number(x.sequence))),
      async () => undefined,
    );
    const [a, b] = events(2);
    const messages = [aMessage(a), aMessage('not json'), aMessage(b)];

    await deliver(messages);

    expect(seen).toEqual([1, 2]);
    expect(deadLetters.sent.map((s) => s.message.value?.toString())).toEqual(['not json']);
    expect(handled.at(-1)).toBe(messages[2].offset);
  });

  it('handles a failed batch again one by one: the permanent event is dead-lettered, the others applied', async () => {
    const applied: number[] = [];
    const { deliver, handled, deadLetters } = batchDeliveryOf(
      async () => {
        throw new PermanentEventError('one event of the batch can never be applied');
      },
      async (event) => {
        if (event.sequence === 2) throw new PermanentEventError('bad event');
        applied.push(Number(event.sequence));
      },
    );
    const messages = events(3).map((e) => aMessage(e));

    await deliver(messages);

    expect(applied).toEqual([1, 3]);
    expect(deadLetters.sent).toHaveLength(1);
    expect((JSON.parse(deadLetters.sent[0].message.value!.toString()) as AnyEvent).sequence).toBe(2);
    expect(handled).toEqual(messages.map((m) => m.offset));
  });

  it('hands a failed batch back uncommitted while the app shuts down', async () => {
    const { deliver, handled, stop } = batchDeliveryOf(
      async () => {
        throw new Error('redis is down');
      },
      async () => undefined,
    );
    stop();

    await expect(deliver(events(2).map((e) => aMessage(e)))).rejects.toThrow('redis is down');
    expect(handled).toEqual([]);
  });
});
