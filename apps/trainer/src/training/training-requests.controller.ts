/**
 * The trainer's consumer group on modelstream.training-requests. One job at a time per instance: the group
 * is long-running (small fetches, the offset committed right after the job's final event was acknowledged,
 * heartbeats from the training loop through the context, and a rebalance timeout long enough for a training
 * to finish, so a rebalance does not hand a running job to another instance). A dependency outage is retried
 * by the transport; what the job cannot survive becomes its TrainingFailed (JobFailureFilter). On shutdown
 * the job stops at its next batch and the request is handed back uncommitted.
 */
import { UseFilters } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { TOPICS, TrainingRequestEvent } from '@modelstream/contracts';
import { ConsumerGroup, EventsController, KafkaEventContext } from '@modelstream/kafka';
import { JobFailureFilter } from './job-failure.filter';
import { TrainingJobService } from './training-job.service';

export const TRAINING_REQUESTS = new ConsumerGroup({
  name: 'trainer',
  groupId: 'modelstream-trainer',
  topics: [TOPICS.trainingRequests],
  // How long the group waits for a busy member to rejoin after a rebalance starts: the longest training.
  longRunning: { rebalanceTimeoutMs: 15 * 60_000 },
  // A dependency outage (MLflow or the object store restarting): seven more tries, 2 s doubling to 10 s apart,
  // about a minute in all, before the job fails with the reason.
  maxAttempts: 8,
  retryDelayMs: 2000,
});

@EventsController()
export class TrainingRequestsController {
  constructor(private readonly jobs: TrainingJobService) {}

  @EventPattern(TRAINING_REQUESTS.events({ type: 'TrainingRequested' }), TRAINING_REQUESTS.extras)
  @UseFilters(JobFailureFilter)
  async train(@Payload() event: TrainingRequestEvent, @Ctx() context: KafkaEventContext): Promise<void> {
    await this.jobs.run(event, context);
  }
}
