/**
 * Mini-batch Adam training of the TF.js families (dense chains: linear models and MLPs) with our own
 * loop instead of model.fit, whose per-batch callbacks, gradient tape and log syncing cost more than a
 * small model's math. The step (training/dense-step.ts) writes the backward pass out and runs on raw
 * TensorFlow ops on the native backend; losses stay on the device until the epoch ends. The loop yields
 * to the event loop regularly so the Kafka consumer keeps heartbeating and cancels are seen between
 * batches, and it disposes every tensor it makes (no growth across jobs).
 */
import { tf } from './backend';
import { denseNetwork, networkWeights, setNetworkWeights } from './training/dense-network';
import { DenseStep, type TrainingStep } from './training/dense-step';
import { ShuffledBatches, targetRows, ValidationSet } from './training/epoch-data';
import { LossAccumulator } from './training/loss';
import { nativeOps } from './training/native-ops';
import { nativeStep } from './training/native-step';
import { portableOps, type StepOps } from './training/step-ops';

// The step's parts (bench/mlp measures them one by one).
export { denseNetwork, networkWeights } from './training/dense-network';
export { DenseStep } from './training/dense-step';
export { nativeStep } from './training/native-step';

/** The cheapest ops for the backend in use: raw TensorFlow ops on the native one, TF.js ops elsewhere. */
export function stepOps(): StepOps {
  return nativeOps() ?? portableOps;
}

export interface TrainingData {
  inputDim: number;
  xTrain: Float32Array;
  /** Class index (classification) or standardized target (regression) per training row. */
  yTrain: Float32Array;
  xVal: Float32Array;
  yVal: Float32Array;
  problemType: 'classification' | 'regression';
  /** Classes (classification). */
  classes?: number;
  /** Standard deviation of the regression target (reports val_rmse in its unit). */
  targetStd?: number;
}

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  earlyStoppingPatience: number;
  l2: number;
  /** Also validate every this many steps (onValidation sees it; the epoch's log is unchanged). */
  validateEverySteps?: number;
}

export interface EpochLog {
  epoch: number;
  epochs: number;
  loss: number;
  metrics: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  /** Rows per second of this process's CPU time (less sensitive to other load on the machine). */
  rowsPerCpuSecond: number;
}

export interface TrainHooks {
  onEpochEnd?: (log: EpochLog) => Promise<void> | void;
  /** Called at least every `tickMs` during training (heartbeats). */
  onTick?: () => Promise<void> | void;
  /** A reason to stop now (a cancel), or null to go on. Checked between batches. */
  stopReason?: () => string | null;
  tickMs?: number;
  /** Every validation: at each epoch's end, and every validateEverySteps steps when set. */
  onValidation?: (log: ValidationLog) => void;
}

export interface ValidationLog {
  epoch: number;
  /** Training rows stepped over so far. */
  rows: number;
  /** Wall time since training began, validations excluded. */
  seconds: number;
  metrics: Record<string, number>;
}

export interface TrainOutcome {
  history: EpochLog[];
  epochsRun: number;
  /** The epoch whose weights the model keeps (the lowest validation loss), null when none ended. */
  bestEpoch?: number | null;
  stoppedEarly: boolean;
  /** Set when stopReason asked to stop. */
  cancelled: string | null;
}

export async function trainModel(
  model: tf.LayersModel,
  data: TrainingData,
  options: TrainOptions,
  hooks: TrainHooks = {},
): Promise<TrainOutcome> {
  const network = denseNetwork(model);
  const nTrain = data.yTrain.length;
  const multiclass = network.output === 'softmax';
  const yWidth = multiclass ? (data.classes ?? 1) : 1;
  const batchSize = Math.max(1, Math.min(options.batchSize, nTrain));
  const tickMs = hooks.tickMs ?? 200;
  const losses = new LossAccumulator(network.output);
  let batches: ShuffledBatches | undefined;
  let step: TrainingStep | undefined;
  let validation: ValidationSet | undefined;

  const history: EpochLog[] = [];
  let best = Infinity;
  let bestWeights: tf.Tensor[] | null = null;
  let bestEpoch: number | null = null;
  let sinceBest = 0;
  let stoppedEarly = false;
  let cancelled: string | null = null;
  let lastTick = Date.now();
  const began = performance.now();
  let validatingSeconds = 0;
  let steps = 0;
  const validate = (epoch: number, seenRows: number): Record<string, number> => {
    const validating = performance.now();
    const seconds = (validating - began) / 1000 - validatingSeconds;
    const metrics = validation!.evaluate(step!);
    validatingSeconds += (performance.now() - validating) / 1000;
    hooks.onValidation?.({ epoch, rows: seenRows, seconds, metrics });
    return metrics;
  };
  try {
    const ops = stepOps();
    const targets = targetRows(data.yTrain, yWidth, multiclass);
    const initial = networkWeights(network);
    step = nativeStep(network, initial, { ...options, batchSize }) ?? new DenseStep(network, ops, initial, options);
    batches = new ShuffledBatches(data, targets, yWidth, options.seed, ops.kind === 'native', step.inputOnes === true);
    validation = new ValidationSet(data, network.output);
    for (let epoch = 1; epoch <= options.epochs && !cancelled; epoch++) {
      let started = performance.now();
      let seconds = 0;
      const cpuStarted = process.cpuUsage();
      let seen = 0;
      for (const batch of batches.epoch(batchSize)) {
        const logits = step.step(batch.x, batch.y);
        seen += batch.x.shape[0];
        batch.x.dispose();
        losses.add(logits, batch.y);
        if (options.validateEverySteps && ++steps % options.validateEverySteps === 0) {
          const now = performance.now();
          seconds += (now - started) / 1000;
          validate(epoch, (epoch - 1) * nTrain + seen);
          started = performance.now();
        }
        if (Date.now() - lastTick >= tickMs) {
          lastTick = Date.now();
          await hooks.onTick?.();
          await new Promise((resolve) => setImmediate(resolve));
          cancelled = hooks.stopReason?.() ?? null;
          if (cancelled) break;
        }
      }
      // The mean batch loss of the epoch (as model.fit reports it), the penalty at the epoch's end.
      const loss = losses.take() / nTrain + step.penalty();
      if (cancelled) break;
      seconds += (performance.now() - started) / 1000;
      const cpu = process.cpuUsage(cpuStarted);
      const metrics = validate(epoch, epoch * nTrain);
      const log: EpochLog = {
        epoch,
        epochs: options.epochs,
        loss,
        metrics,
        seconds,
        rowsPerSecond: nTrain / seconds,
        rowsPerCpuSecond: nTrain / ((cpu.user + cpu.system) / 1e6),
      };
      history.push(log);
      await hooks.onEpochEnd?.(log);
      cancelled = hooks.stopReason?.() ?? null;
      // Every epoch's end is a checkpoint: the lowest validation loss so far is kept (a snapshot of the
      // weights, copied by TensorFlow only when the next step writes them).
      if (!bestWeights || metrics.val_loss < best - 1e-7) {
        best = Number.isFinite(metrics.val_loss) ? metrics.val_loss : Infinity;
        bestEpoch = epoch;
        sinceBest = 0;
        tf.dispose(bestWeights ?? []);
        bestWeights = step.snapshot();
      } else if (options.earlyStoppingPatience > 0 && ++sinceBest >= options.earlyStoppingPatience) {
        stoppedEarly = true;
        break;
      }
    }
    // However training ends (the epochs, early stopping, a stop request), the model keeps the weights of
    // its best validated epoch (as Keras' restore_best_weights): at a constant Adam rate the epoch-end
    // validation loss wanders around its plateau (±4% RMSE at the default lr 0.01 on bench/train's
    // regression), so the last epoch is a random draw from it, and after a plateau stop, a worse one.
    if (bestWeights && (bestEpoch !== history.length || cancelled)) step.restore(bestWeights);
    const trained = step.snapshot();
    setNetworkWeights(network, trained);
    tf.dispose(trained);
  } finally {
    tf.dispose(bestWeights ?? []);
    batches?.dispose();
    losses.dispose();
    validation?.dispose();
    step?.dispose();
  }
  return { history, epochsRun: history.length, bestEpoch, stoppedEarly, cancelled };
}
