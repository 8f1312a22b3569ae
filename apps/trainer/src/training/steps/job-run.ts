/** What the steps of one training attempt share: the command, who runs it, its MLflow run and its stop signals. */
import type { JobStop } from '../attempts/job-stop';
import type { TrainingRun } from '../mlflow-run.recorder';
import type { TrainingCommand } from '../training-command';

export interface JobRun {
  command: TrainingCommand;
  /** 1 for the first delivery; more when earlier attempts were interrupted. */
  attempt: number;
  /** The backend of the fit worker that trains it. */
  backend: string;
  instanceId: string;
  run: TrainingRun;
  stop: JobStop;
  /** Date.now() when the attempt started (the result's durationMs). */
  startedAt: number;
}
