/**
 * Generated job lives for property tests of the job-lifecycle fold (unit) and of both read models (e2e):
 * uploads aborted or cancelled at any chunk, requests cancelled in the queue or while training, trainers
 * that die and are taken over (attempt > 1), the watchdog, late and zombie events after the end, producer
 * duplicates. Everything comes from a seeded PRNG, so a failing seed replays exactly.
 *
 * Also: ways to deliver a life as a read model may see it (any interleaving of the four topics, consumer
 * rewinds that redeliver a topic's messages), and `projectLife`, the reference projection (a per-topic
 * sequence cursor before the fold, as both read models keep one).
 */
import { JobState, JobStatus, newJobState, reduceJob } from '@modelstream/contracts';
import { JobEvent, JobTopicKey, PlannedEvent, SEQUENCE_LEAD_MS } from './history-events';

export type Rng = () => number;

/**
 * mulberry32: a small, fast, seeded PRNG. The same eight lines as libs/ml's `seededRandom`, kept here on purpose:
 * `@modelstream/ml` loads TF.js on import, and the fold's unit specs (libs/contracts, a leaf) must not.
 */
export function seededRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const chance = (rng: Rng, p: number) => rng() < p;

/** What the life is meant to end as: the fold must say so. */
export interface LifeIntent {
  status: JobStatus;
  stage: string | null;
  progress?: number;
  error?: string | null;
  modelId?: string | null;
  cancelReason?: string | null;
}

export interface JobLife {
  trackingId: string;
  scenario: string;
  /** Every message of the job in the order its producers wrote them (a topic's log is this, filtered). */
  events: PlannedEvent[];
  intent: LifeIntent;
}

export const LIFE_SCENARIOS = [
  'upload-aborted',
  'cancelled-in-upload',
  'queued',
  'cancelled-in-queue',
  'running',
  'completed',
  'failed',
  'watchdog-failed',
  'cancelled-in-training',
] as const;
export type LifeScenario = (typeof LIFE_SCENARIOS)[number];

export interface LifeOptions {
  trackingId: string;
  scenario?: LifeScenario;
  startAt?: number;
}

/** One job's life, drawn from `rng`. */
export function generateLife(rng: Rng, options: LifeOptions): JobLife {
  const { trackingId } = options;
  const scenario = options.scenario ?? pick(rng, LIFE_SCENARIOS);
  let t = options.startAt ?? Date.UTC(2026, 0, 1);
  const counters: Record<JobTopicKey, number> = { uploadChunks: 0, trainingRequests: 0, trainingControl: 0, trainingEvents: 0 };
  const events: PlannedEvent[] = [];
  const add = (topic: JobTopicKey, type: JobEvent['type'], payload: unknown, sequenceOffset = 0): JobEvent => {
    t += int(rng, 1, 40);
    counters[topic]++;
    const event = {
      eventId: `${trackingId}-${topic}-${counters[topic]}`,
      trackingId,
      // Like SequenceClock (microseconds), a day ahead of a real producer's clock (see SEQUENCE_LEAD_MS).
      sequence: (t + SEQUENCE_LEAD_MS) * 1000 + counters[topic] + sequenceOffset,
      timestamp: t,
      producer: 'job-lives',
      type,
      payload,
    } as JobEvent;
    events.push({ topic, event });
    if (chance(rng, 0.05)) events.push({ topic, event }); // a producer retry wrote it twice
    return event;
  };
  const cancel = (reason: string) => add('trainingControl', 'TrainingCancelRequested', { reason });
  const filename = pick(rng, ['iris.csv', 'houses.csv', `data-${trackingId.slice(-6)}.csv`]);
  const modelName = `lives-${trackingId.slice(-8)}`;
  const modelType = pick(rng, ['logistic_regression', 'mlp_classifier', 'linear_regression']);
  const chunks = int(rng, 1, 4);

  // The upload: every chunk, or fewer when it ends early.
  const endsInUpload = scenario === 'upload-aborted' || scenario === 'cancelled-in-upload';
  const received = endsInUpload ? int(rng, 1, chunks) : chunks;
  for (let i = 0; i < received; i++) {
    add('uploadChunks', 'UploadChunkReceived', {
      filename,
      chunkIndex: i,
      totalChunks: chunks,
      bucket: 'lives',
      objectKey: `uploads/${trackingId}/${i}`,
      size: 100,
      sha256: 'c'.repeat(64),
    });
  }
  if (scenario === 'upload-aborted') {
    const reason = pick(rng, ['the file is over 25 MB', 'the chunk is not valid CSV']);
    add('uploadChunks', 'UploadAborted', { reason, receivedChunks: received });
    if (chance(rng, 0.3)) cancel('too late'); // a cancel racing the abort
    return life(trackingId, scenario, events, { status: 'failed', stage: 'uploading', progress: 0, error: `Upload aborted: ${reason}` });
  }
  if (scenario === 'cancelled-in-upload') {
    cancel('wrong file');
    return life(trackingId, scenario, events, {
      status: 'cancelled',
      stage: 'uploading',
      progress: 0,
      error: null,
      cancelReason: 'wrong file',
    });
  }

  const params = { epochs: int(rng, 1, 6), learningRate: 0.05 };
  add('trainingRequests', 'TrainingRequested', {
    filename,
    modelName,
    modelType,
    problemType: modelType === 'linear_regression' ? 'regression' : 'classification',
    target: 'y',
    paramsJson: JSON.stringify(params),
    dataset: {
      bucket: 'lives',
      objectKeys: Array.from({ length: chunks }, (_, i) => `uploads/${trackingId}/${i}`),
      size: 100 * chunks,
      sha256: `${trackingId.replace(/[^a-f0-9]/g, '').slice(0, 16)}`.padEnd(64, '0'),
      columns: ['x1', 'x2', 'y'],
    },
  });
  if (scenario === 'queued') return life(trackingId, scenario, events, { status: 'pending', stage: 'queued', progress: 0, error: null });
  if (scenario === 'cancelled-in-queue') {
    cancel('not needed');
    add('trainingEvents', 'TrainingCancelled', { reason: 'not needed', stage: 'queued' });
    lateEvents(rng, add);
    return life(trackingId, scenario, events, { status: 'cancelled', stage: 'queued', error: null, cancelReason: 'not needed' });
  }

  // The training: one attempt, or more when a trainer dies and another takes the job over.
  const attempts = chance(rng, 0.3) ? int(rng, 2, 3) : 1;
  let last = { stage: 'starting', progress: 0 };
  const cancelAttempt = int(rng, 1, attempts);
  for (let attempt = 1; attempt <= attempts; attempt++) {
    add('trainingEvents', 'TrainingStarted', {
      modelType,
      paramsJson: JSON.stringify(params),
      backend: 'cpu',
      instanceId: `trainer-${attempt}`,
      attempt,
      mlflowRunId: chance(rng, 0.8) ? `run-${attempt}-${trackingId.slice(-6)}` : null,
      columnsJson: JSON.stringify({ x1: 'numeric', x2: 'numeric' }),
    });
    last = { stage: 'starting', progress: 0 };
    if (attempt > 1 && chance(rng, 0.5)) {
      // The dead attempt's trainer was only slow: its late progress carries its own, older clock.
      add(
        'trainingEvents',
        'TrainingProgress',
        { stage: 'training', progress: 80, epoch: 4, epochs: 4, loss: 0.3, metrics: {} },
        -5_000_000,
      );
    }
    const steps = attempt < attempts ? int(rng, 0, 3) : int(rng, 1, 5);
    for (let s = 1; s <= steps; s++) {
      const progress = Math.min(99, s * (90 / steps) + rng()); // fractional, as the trainer reports it
      const stage = pick(rng, ['loading', 'preprocessing', 'training', 'training', 'evaluating']);
      add('trainingEvents', 'TrainingProgress', {
        stage,
        progress,
        epoch: stage === 'training' ? s : null,
        epochs: stage === 'training' ? steps : null,
        loss: stage === 'training' ? 1 / (s + 1) : null,
        metrics: stage === 'training' ? { accuracy: s / (steps + 1) } : {},
      });
      last = { stage, progress: Math.round(progress) };
      if (scenario === 'cancelled-in-training' && attempt === cancelAttempt && s === 1) cancel('stop it');
    }
    if (scenario === 'cancelled-in-training' && attempt === cancelAttempt) {
      if (steps === 0) cancel('stop it');
      add('trainingEvents', 'TrainingCancelled', { reason: 'stop it', stage: last.stage === 'starting' ? 'loading' : last.stage });
      lateEvents(rng, add);
      return life(trackingId, scenario, events, {
        status: 'cancelled',
        stage: last.stage === 'starting' ? 'loading' : last.stage,
        progress: last.progress,
        error: null,
        cancelReason: 'stop it',
      });
    }
  }
  switch (scenario) {
    case 'running':
      return life(trackingId, scenario, events, { status: 'running', stage: last.stage, progress: last.progress, error: null });
    case 'completed': {
      const version = String(int(rng, 1, 9));
      add('trainingEvents', 'TrainingProgress', {
        stage: 'registering',
        progress: 97.5,
        epoch: null,
        epochs: null,
        loss: null,
        metrics: {},
      });
      add('trainingEvents', 'TrainingCompleted', {
        metrics: { accuracy: 0.5 + rng() / 2, f1: 0.9 },
        resultJson: JSON.stringify({ labels: ['a', 'b'], rows: 100 }),
        mlflowRunId: `run-done-${trackingId.slice(-6)}`,
        modelName,
        modelVersion: version,
        modelId: `models:/${modelName}/${version}`,
      });
      lateEvents(rng, add);
      return life(trackingId, scenario, events, {
        status: 'completed',
        stage: 'done',
        progress: 100,
        error: null,
        modelId: `models:/${modelName}/${version}`,
      });
    }
    case 'failed':
    case 'watchdog-failed': {
      const stage = scenario === 'failed' ? last.stage : 'watchdog';
      const error = scenario === 'failed' ? 'the loss became NaN: lower the learning rate' : 'No event from the trainer for 5 min';
      add('trainingEvents', 'TrainingFailed', { error, stage, mlflowRunId: null });
      lateEvents(rng, add);
      return life(trackingId, scenario, events, { status: 'failed', stage, progress: last.progress, error });
    }
    default:
      throw new Error(`scenario ${scenario} not handled`);
  }
}

type Add = (topic: JobTopicKey, type: JobEvent['type'], payload: unknown, sequenceOffset?: number) => JobEvent;

/** What may still come after a job ended: a zombie trainer's progress, a second final word, a late cancel. */
function lateEvents(rng: Rng, add: Add): void {
  if (chance(rng, 0.3)) {
    add('trainingEvents', 'TrainingProgress', { stage: 'training', progress: 55, epoch: 9, epochs: 9, loss: 0.1, metrics: {} });
  }
  if (chance(rng, 0.2)) add('trainingEvents', 'TrainingFailed', { error: 'late failure', stage: 'training', mlflowRunId: null });
  if (chance(rng, 0.2)) add('trainingControl', 'TrainingCancelRequested', { reason: 'late cancel' });
}

function life(trackingId: string, scenario: LifeScenario, events: PlannedEvent[], intent: LifeIntent): JobLife {
  return { trackingId, scenario, events, intent };
}

/** The lives of `count` jobs: every scenario in turn, the rest drawn from `seed`. */
export function generateLives(seed: number, count: number, trackingIdPrefix: string, startAt = Date.UTC(2026, 0, 1)): JobLife[] {
  const rng = seededRng(seed);
  return Array.from({ length: count }, (_, i) =>
    generateLife(rng, {
      trackingId: `${trackingIdPrefix}-${String(i).padStart(5, '0')}`,
      scenario: LIFE_SCENARIOS[i % LIFE_SCENARIOS.length],
      startAt: startAt + i * 1000,
    }),
  );
}

/** The messages of each topic, in log order. */
export function topicLogs(events: PlannedEvent[]): PlannedEvent[][] {
  const logs = new Map<JobTopicKey, PlannedEvent[]>();
  for (const e of events) logs.set(e.topic, [...(logs.get(e.topic) ?? []), e]);
  return [...logs.values()];
}

/** A random interleaving of the topics' logs (each topic stays in order), as a consumer of four topics may see them. */
export function interleave(rng: Rng, events: PlannedEvent[]): PlannedEvent[] {
  const queues = topicLogs(events).map((log) => [...log]);
  const out: PlannedEvent[] = [];
  while (queues.some((q) => q.length)) {
    const q = pick(
      rng,
      queues.filter((x) => x.length),
    );
    out.push(q.shift()!);
  }
  return out;
}

/** Every order of whole topics (24 for four topics): one topic entirely, then the next... */
export function topicBlockOrders(events: PlannedEvent[]): PlannedEvent[][] {
  const logs = topicLogs(events);
  const perms = (items: PlannedEvent[][]): PlannedEvent[][][] =>
    items.length <= 1 ? [items] : items.flatMap((x, i) => perms([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
  return perms(logs).map((order) => order.flat());
}

/** Consumer rewinds: after some deliveries, a run of a topic's already-delivered messages comes again. */
export function withRedeliveries(rng: Rng, deliveries: PlannedEvent[], rewinds = 2): PlannedEvent[] {
  let out = [...deliveries];
  for (let r = 0; r < rewinds && out.length > 1; r++) {
    const at = int(rng, 1, out.length - 1);
    const topic = out[at - 1].topic;
    const delivered = out.slice(0, at).filter((e) => e.topic === topic);
    const from = int(rng, 0, delivered.length - 1);
    out = [...out.slice(0, at), ...delivered.slice(from), ...out.slice(at)];
  }
  return out;
}

/** The reference projection: a per-topic sequence cursor (as both read models keep), then the fold. */
export function projectLife(trackingId: string, deliveries: PlannedEvent[]): JobState {
  const cursors = new Map<JobTopicKey, number>();
  let state = newJobState(trackingId);
  for (const { topic, event } of deliveries) {
    if ((cursors.get(topic) ?? -1) >= event.sequence) continue;
    cursors.set(topic, event.sequence);
    state = reduceJob(state, event);
  }
  return state;
}
