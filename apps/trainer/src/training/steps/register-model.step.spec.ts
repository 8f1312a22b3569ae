import { TAGS } from '../mlflow-run.recorder';
import { FakeEvents, FakeMlflow } from '../testing/trainer.fakes';
import { fittedJob } from '../testing/training-fixtures';
import { trainingResult } from './evaluate-model.step';
import { RegisterModelStep } from './register-model.step';

jest.setTimeout(30_000);

describe('RegisterModelStep', () => {
  it('saves the model, registers the next version of its name and announces the job completed', async () => {
    const { command, job, loaded, prepared, fitted } = await fittedJob();
    const events = new FakeEvents();
    const mlflow = new FakeMlflow();
    mlflow.versions.push({ name: 'churn', version: '1', runId: 'an-earlier-job' });
    const evaluation = { metrics: { accuracy: 0.9, roc_auc: NaN } };
    const evaluated = { evaluation, result: trainingResult(job, loaded, prepared, fitted, evaluation, Date.now()) };
    try {
      const registered = await new RegisterModelStep(events.asPublisher(), mlflow.asRecorder()).run(
        job,
        loaded,
        prepared,
        fitted,
        evaluated,
      );

      expect(registered).toEqual({ modelVersion: '2', modelId: 'models:/churn/2' });
      expect(mlflow.versions.at(-1)).toEqual({ name: 'churn', version: '2', runId: job.run.id });
      const saved = job.run.savedModel!;
      expect(saved.bundle.model).toBe(fitted.model);
      expect(saved.bundle.preprocessor).toBe(prepared.preprocessor);
      expect(saved.bundle.meta).toMatchObject({
        modelType: 'logistic_regression',
        problemType: 'classification',
        backend: 'wasm',
        runId: job.run.id,
      });
      expect(saved.inputExample).toHaveLength(5);
      expect(Object.keys(saved.inputExample[0])).toEqual(prepared.preprocessor.featureNames);

      expect(job.run.status).toBe('FINISHED');
      expect(job.run.tag(TAGS.outcome)).toBe('completed');
      expect(job.run.tag(TAGS.modelVersion)).toBe('2');
      expect(job.run.tag(TAGS.modelId)).toBe('models:/churn/2');

      expect(events.types()).toEqual(['TrainingProgress', 'TrainingCompleted']);
      expect(events.of('TrainingProgress')[0]).toMatchObject({ stage: 'registering', progress: 96 });
      expect(events.of('TrainingCompleted')).toEqual([
        {
          metrics: { accuracy: 0.9 },
          resultJson: JSON.stringify(evaluated.result),
          mlflowRunId: job.run.id,
          modelName: command.modelName,
          modelVersion: '2',
          modelId: 'models:/churn/2',
        },
      ]);
    } finally {
      fitted.model.dispose();
    }
  });
});
