/**
 * The training a TrainingRequested event asks for, parsed and checked once: the model family as a
 * ModelType, the effective hyperparameters, and the schedule every family shares as plain numbers. The
 * ingest app validated the settings at upload; the trainer checks again, since the event may come from
 * elsewhere or from an older version.
 */
import {
  DatasetManifest,
  EventOf,
  getModelSpec,
  HyperParams,
  InvalidInputError,
  ModelType,
  ownerOf,
  ProblemType,
  resolveHyperParams,
  TrainingRequested,
} from '@modelstream/contracts';

export type TrainingRequestedEvent = EventOf<'TrainingRequested', TrainingRequested>;

/**
 * The split's settings (every family has them) and the gradient-training loop's (the neural and linear
 * families; a family without them, e.g. a forest, gets the registry's base values, which it ignores).
 */
export interface TrainingSchedule {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  validationSplit: number;
  /** 0 turns early stopping off. */
  earlyStoppingPatience: number;
}

/** A job as its events name it: its id and its owner. */
export interface JobRef {
  trackingId: string;
  ownerId: string;
}

export interface TrainingCommand extends JobRef {
  modelName: string;
  modelType: ModelType;
  problemType: ProblemType;
  target: string;
  filename: string;
  dataset: DatasetManifest;
  /** The family's defaults with the request's values over them, validated against its rules. */
  params: HyperParams;
  schedule: TrainingSchedule;
}

/** The command of a request, or an InvalidInputError that says which setting is wrong. */
export function buildTrainingCommand(event: TrainingRequestedEvent): TrainingCommand {
  const req = event.payload;
  const spec = getModelSpec(req.modelType);
  const params = resolveHyperParams(spec, parseParams(req.paramsJson));
  if (req.problemType && req.problemType !== spec.problemType) {
    throw new InvalidInputError(`modelType ${req.modelType} is a ${spec.problemType} model but the request asks for ${req.problemType}.`);
  }
  return {
    trackingId: event.trackingId,
    ownerId: ownerOf(event.ownerId),
    modelName: req.modelName,
    modelType: spec.key,
    problemType: spec.problemType,
    target: req.target,
    filename: req.filename,
    dataset: req.dataset,
    params,
    schedule: {
      epochs: numberParam(params, 'epochs', LOOP_DEFAULTS.epochs),
      batchSize: numberParam(params, 'batchSize', LOOP_DEFAULTS.batchSize),
      learningRate: numberParam(params, 'learningRate', LOOP_DEFAULTS.learningRate),
      seed: numberParam(params, 'seed'),
      validationSplit: numberParam(params, 'validationSplit'),
      earlyStoppingPatience: numberParam(params, 'earlyStoppingPatience', LOOP_DEFAULTS.earlyStoppingPatience),
    },
  };
}

function parseParams(json: string): unknown {
  if (!json) return {};
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new InvalidInputError(`params is not valid JSON: ${json.slice(0, 200)}`);
  }
}

const LOOP_DEFAULTS = { epochs: 1, batchSize: 256, learningRate: 0.01, earlyStoppingPatience: 0 };

function numberParam(params: HyperParams, name: keyof TrainingSchedule, fallback?: number): number {
  const value = params[name] ?? fallback;
  if (typeof value !== 'number') throw new InvalidInputError(`${name} must be a number`);
  return value;
}
