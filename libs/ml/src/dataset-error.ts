import { InvalidInputError } from '@modelstream/contracts';

/** The stages of a training job, in order; a failure names the one it happened in. */
export type TrainingStage = 'loading' | 'preprocessing' | 'training' | 'evaluating' | 'registering';

/**
 * The data of a job cannot be trained on. The message says what is wrong and what to do; the job fails
 * with it and the trainer carries on with other jobs.
 */
export class DatasetError extends InvalidInputError {
  constructor(
    message: string,
    readonly stage: TrainingStage = 'loading',
    details?: Record<string, unknown>,
  ) {
    super(message, details);
  }
}
