/**
 * KafkaEventTransport inside a real (hybrid) Nest app, with the Kafka side faked by a GroupConsumerFactory
 * that records the groups it is asked for: which groups form, how events are routed to the
 * `@EventPattern` handlers, and that a handler's own error reaches the transport unchanged.
 */
import { Catch, Injectable, Logger, Module, RpcExceptionFilter, UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { of } from 'rxjs';
import { TOPICS } from '@modelstream/contracts';
import { ConsumerGroup } from './consumer-group';
import type { AnyEvent } from './event-codec';
import { PermanentEventError } from './event-delivery';
import { EventsController } from './events-controller.decorator';
import type { GroupPlan } from './group-consumer';
import { KafkaEventContext } from './kafka-event.context';
import { GroupConsumerFactory, GroupRunner, KafkaEventTransport } from './kafka-event.transport';
import { anEvent, aMessage, FakeRetryCounter } from './testing/kafka.fakes';

beforeAll(() => Logger.overrideLogger(false));

@Injectable()
class Settings {
  readonly auditGroup = 'audit-from-config';
}

@Injectable()
class AuditRetryCounter extends FakeRetryCounter {}

const JOBS = new ConsumerGroup({ name: 'jobs', groupId: 'jobs-group', topics: [TOPICS.trainingEvents, TOPICS.trainingControl] });
const AUDIT = new ConsumerGroup({
  name: 'audit',
  groupId: (ref) => ref.get(Settings, { strict: false }).auditGroup,
  topics: [TOPICS.trainingEvents],
  catchUpFirst: true,
  retryCounter: AuditRetryCounter,
});

class TransientError extends Error {}

@Catch()
class SwallowFilter implements RpcExceptionFilter<unknown> {
  catch() {
    return of(undefined);
  }
}

@EventsController()
class FixtureController {
  readonly calls: string[] = [];

  @EventPattern(JOBS.events({ topics: [TOPICS.trainingEvents], type: 'TrainingStarted' }), JOBS.extras)
  started(@Payload() event: AnyEvent, @Ctx() context: KafkaEventContext): void {
    this.calls.push(`jobs/started ${event.trackingId} ${context.getTopic()}`);
  }

  @EventPattern(JOBS.events({ topics: [TOPICS.trainingEvents] }), JOBS.extras)
  async anyTraining(@Payload() event: AnyEvent): Promise<void> {
    this.calls.push(`jobs/any ${event.type}`);
    if (event.type === 'TrainingFailed') throw new TransientError('database down');
  }

  @EventPattern(AUDIT.events(), AUDIT.extras)
  @UseFilters(SwallowFilter)
  audit(@Payload() event: AnyEvent): void {
    this.calls.push(`audit ${event.type}`);
    throw new Error('swallowed by the method filter');
  }
}

@Module({ controllers: [FixtureController], providers: [Settings, AuditRetryCounter] })
class FixtureModule {}

class FakeRunner implements GroupRunner {
  stopped = false;
  constructor(
    readonly plan: GroupPlan,
    private readonly started: string[],
  ) {}
  get catchUpFirst(): boolean {
    return this.plan.group.catchUpFirst ?? false;
  }
  async start(): Promise<void> {
    this.started.push(this.plan.groupId);
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
}

async function hybridApp() {
  const runners: FakeRunner[] = [];
  const started: string[] = [];
  const moduleRef = await Test.createTestingModule({ imports: [FixtureModule], providers: [KafkaEventTransport, GroupConsumerFactory] })
    .overrideProvider(GroupConsumerFactory)
    .useValue({ create: (plan: GroupPlan) => runners[runners.push(new FakeRunner(plan, started)) - 1] })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.connectMicroservice({ strategy: app.get(KafkaEventTransport) });
  await app.init();
  await app.startAllMicroservices();
  await new Promise((r) => setImmediate(r));
  const runner = (name: string) => runners.find((r) => r.plan.group.name === name)!;
  const deliver = (name: string, topic: string, event: AnyEvent) =>
    runner(name).plan.dispatch(
      event,
      new KafkaEventContext({
        group: runner(name).plan.groupId,
        topic,
        partition: 0,
        offset: '0',
        message: aMessage(event),
        attempt: 1,
        finalAttempt: false,
        heartbeat: async () => undefined,
        shuttingDown: () => false,
      }),
    );
  return { app, runners, started, runner, deliver, calls: app.get(FixtureController).calls };
}

describe('KafkaEventTransport', () => {
  it('forms one consumer group per group named in the patterns, catch-up groups started first', async () => {
    const { app, runners, started, runner } = await hybridApp();

    expect(runners.map((r) => r.plan.group.name).sort()).toEqual(['audit', 'jobs']);
    expect(runner('jobs').plan.groupId).toBe('jobs-group');
    expect(runner('audit').plan.groupId).toBe('audit-from-config');
    expect(runner('audit').plan.counter).toBe(app.get(AuditRetryCounter));
    expect(runner('jobs').plan.counter).toBeUndefined();
    expect(started).toEqual(['audit-from-config', 'jobs-group']);
    await app.close();
  });

  it('routes an event to the handler of its type first, else to its topic, each group to its own handler', async () => {
    const { app, deliver, calls } = await hybridApp();

    await deliver('jobs', TOPICS.trainingEvents.name, anEvent({ type: 'TrainingStarted', trackingId: 'job-3' }));
    await deliver('jobs', TOPICS.trainingEvents.name, anEvent({ type: 'TrainingCompleted' }));
    await deliver('audit', TOPICS.trainingEvents.name, anEvent({ type: 'TrainingCompleted' }));

    expect(calls).toEqual([`jobs/started job-3 ${TOPICS.trainingEvents.name}`, 'jobs/any TrainingCompleted', 'audit TrainingCompleted']);
    await app.close();
  });

  it('calls an event on a topic of the group that no handler takes permanent', async () => {
    const { app, deliver, calls } = await hybridApp();

    await expect(deliver('jobs', TOPICS.trainingControl.name, anEvent({ type: 'TrainingCancelRequested' }))).rejects.toBeInstanceOf(
      PermanentEventError,
    );
    expect(calls).toEqual([]);
    await app.close();
  });

  it("hands a handler's own error to the transport unchanged; a method filter runs first", async () => {
    const { app, deliver } = await hybridApp();

    const failure = deliver('jobs', TOPICS.trainingEvents.name, anEvent({ type: 'TrainingFailed' }));
    await expect(failure).rejects.toBeInstanceOf(TransientError);
    await expect(failure).rejects.toThrow('database down');
    await expect(deliver('audit', TOPICS.trainingEvents.name, anEvent())).resolves.toBeUndefined();
    await app.close();
  });

  it('stops every group when the app shuts down', async () => {
    const { app, runners } = await hybridApp();

    await app.close();

    expect(runners.map((r) => r.stopped)).toEqual([true, true]);
  });
});
