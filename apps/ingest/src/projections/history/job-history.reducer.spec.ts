import { jobLife, PlannedEvent, topicName } from '../../../../../test/support/history-events';
import { HistoryEvent, JobChange, JobRow, newJobRow, reduceJob } from './job-history.reducer';

/** Applies events the way the repository does: cursor per topic, earliest transition per status, metric upserts. */
function project(events: PlannedEvent[]) {
  let job: JobRow | null = null;
  const cursors = new Map<string, number>();
  const transitions = new Map<string, { at: number; eventId: string }>();
  const metrics = new Map<string, number | null>();
  for (const { topic, event } of events) {
    const key = `${event.trackingId}|${topicName(topic)}`;
    if ((cursors.get(key) ?? -1) >= event.sequence) continue;
    cursors.set(key, event.sequence);
    const change: JobChange = reduceJob(job ?? newJobRow(event.trackingId, new Date(event.timestamp)), event as HistoryEvent);
    job = change.job;
    if (change.transition) {
      const t = change.transition;
      const old = transitions.get(t.status);
      if (!old || t.at.getTime() < old.at || (t.at.getTime() === old.at && t.eventId < old.eventId)) {
        transitions.set(t.status, { at: t.at.getTime(), eventId: t.eventId });
      }
    }
    for (const m of change.metrics) metrics.set(`${m.kind}|${m.name}|${m.step}`, m.value);
  }
  return { job, transitions: Object.fromEntries(transitions), metrics: Object.fromEntries(metrics) };
}

/** The same events, each topic still in order, but the topics interleaved differently (as a replay may). */
function topicsInAnotherOrder(events: PlannedEvent[]): PlannedEvent[] {
  const order = ['trainingEvents', 'trainingControl', 'trainingRequests', 'uploadChunks'];
  return [...events].sort((a, b) => order.indexOf(a.topic) - order.indexOf(b.topic));
}

describe('reduceJob', () => {
  it('projects a completed job: settings, transitions, per-epoch and final metrics, model id', () => {
    const { job, transitions, metrics } = project(jobLife({ ending: 'completed', epochs: 3 }));
    expect(job).toMatchObject({
      status: 'completed',
      progress: 100,
      filename: 'iris.csv',
      modelType: 'logistic_regression',
      receivedChunks: 2,
    });
    expect(job?.modelId).toMatch(/^models:\/hist-model-.+\/1$/);
    expect(job?.finishedAt).not.toBeNull();
    expect(Object.keys(transitions).sort()).toEqual(['completed', 'pending', 'running']);
    expect(metrics['epoch|accuracy|3']).toBeCloseTo(1);
    expect(metrics['epoch|loss|1']).toBeCloseTo(0.5);
    expect(metrics['final|f1|0']).toBe(0.91);
  });

  it('keeps the first final status: events after it change no status', () => {
    const events = jobLife({ ending: 'failed', epochs: 4 });
    const last = events[events.length - 1];
    const late = {
      ...last,
      event: {
        ...last.event,
        eventId: 'late',
        sequence: last.event.sequence + 5,
        type: 'TrainingProgress',
        payload: { stage: 'training', progress: 99, epoch: 9, epochs: 9, loss: 0.1, metrics: {} },
      },
    } as PlannedEvent;
    const { job } = project([...events, late]);
    expect(job?.status).toBe('failed');
    expect(job?.error).toContain('NaN');
    expect(job?.progress).not.toBe(99);
  });

  it.each(['completed', 'failed', 'cancelled', 'running'] as const)('gives the same %s job whatever the order across topics', (ending) => {
    const events = jobLife({ ending });
    expect(project(topicsInAnotherOrder(events))).toEqual(project(events));
  });

  it('changes nothing when events are applied twice', () => {
    const events = jobLife({ ending: 'cancelled' });
    expect(project([...events, ...events])).toEqual(project(events));
  });

  it('records a cancelled job with its reason and stage', () => {
    const { job, transitions } = project(jobLife({ ending: 'cancelled', epochs: 4 }));
    expect(job).toMatchObject({ status: 'cancelled', cancelReason: 'stopped by the test', stage: 'training' });
    expect(transitions.cancelled).toBeDefined();
  });

  it('rejects an unknown event type as permanent', () => {
    const job = newJobRow('x', new Date());
    expect(() =>
      reduceJob(job, {
        type: 'Nope',
        trackingId: 'x',
        eventId: 'e',
        sequence: 1,
        timestamp: 1,
        producer: '',
        payload: {},
      } as unknown as HistoryEvent),
    ).toThrow(/unknown event type Nope/);
  });
});
