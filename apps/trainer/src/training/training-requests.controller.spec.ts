/** TrainingRequestsController: the request and the consumer's context go to TrainingJobService.run as they are. */
import { TOPICS, TrainingRequestEvent } from '@modelstream/contracts';
import { KafkaEventContext } from '@modelstream/kafka';
import type { TrainingJobService } from './training-job.service';
import { TRAINING_REQUESTS, TrainingRequestsController } from './training-requests.controller';

const request = {
  eventId: 'e-1',
  trackingId: 'job-1',
  sequence: 1,
  timestamp: 1,
  producer: 't',
  type: 'TrainingRequested',
  payload: {},
} as unknown as TrainingRequestEvent;

describe('TrainingRequestsController', () => {
  it('runs the job with a context that heartbeats the consumer and tells a shutdown', async () => {
    let heartbeats = 0;
    let stopping = false;
    const context = new KafkaEventContext({
      group: 'modelstream-trainer',
      topic: TOPICS.trainingRequests.name,
      partition: 0,
      offset: '3',
      message: { key: null, value: null, offset: '3', timestamp: '0' },
      attempt: 1,
      finalAttempt: false,
      heartbeat: async () => void heartbeats++,
      shuttingDown: () => stopping,
    });
    const runs: unknown[] = [];
    const jobs = {
      run: async (event: TrainingRequestEvent, ctx: { heartbeat: () => Promise<void>; shuttingDown: () => boolean }) => {
        await ctx.heartbeat();
        stopping = true;
        runs.push([event, ctx.shuttingDown()]);
        return 'completed';
      },
    };

    await new TrainingRequestsController(jobs as unknown as TrainingJobService).train(request, context);

    expect(runs).toEqual([[request, true]]);
    expect(heartbeats).toBe(1);
  });

  it('takes only TrainingRequested events, one long job at a time per instance', () => {
    expect(TRAINING_REQUESTS.events({ type: 'TrainingRequested' })).toEqual([
      { group: 'trainer', topic: TOPICS.trainingRequests.name, type: 'TrainingRequested' },
    ]);
    expect(TRAINING_REQUESTS.options).toMatchObject({ groupId: 'modelstream-trainer', longRunning: { rebalanceTimeoutMs: 15 * 60_000 } });
  });
});
