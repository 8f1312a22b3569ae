import { InvalidInputError } from '@modelstream/contracts';
import { trainingRequested } from './testing/training-fixtures';
import { buildTrainingCommand } from './training-command';

describe('buildTrainingCommand', () => {
  it('merges the request over the family defaults and reads the schedule as numbers', () => {
    const event = trainingRequested({ modelType: 'mlp_classifier', paramsJson: '{"epochs": 7, "hiddenLayers": [8, 4]}' });
    const command = buildTrainingCommand(event);
    expect(command).toMatchObject({
      trackingId: event.trackingId,
      modelName: 'churn',
      modelType: 'mlp_classifier',
      problemType: 'classification',
      target: event.payload.target,
      dataset: event.payload.dataset,
    });
    expect(command.params).toMatchObject({ epochs: 7, hiddenLayers: [8, 4], activation: 'relu', batchSize: 128 });
    expect(command.schedule).toEqual({
      epochs: 7,
      batchSize: 128,
      learningRate: 0.01,
      seed: 42,
      validationSplit: 0.2,
      earlyStoppingPatience: 0,
    });
  });

  it('takes the family defaults when the request has no params', () => {
    const command = buildTrainingCommand(trainingRequested({ modelType: 'ridge_regression', problemType: 'regression', paramsJson: '' }));
    expect(command.problemType).toBe('regression');
    expect(command.params).toMatchObject({ alpha: 1, epochs: 30 });
  });

  it.each([
    [{ modelType: 'random_forest' }, /Unknown modelType "random_forest"/],
    [{ paramsJson: '{epochs: 3' }, /params is not valid JSON/],
    [{ paramsJson: '{"epochs": 0}' }, /epochs must be between 1 and 1000/],
    [{ paramsJson: '{"depth": 3}' }, /unknown hyperparameter "depth"/],
    [
      { modelType: 'linear_regression', problemType: 'classification' as const },
      /linear_regression is a regression model but the request asks for classification/,
    ],
  ])('rejects %p with an InvalidInputError that names the problem', (overrides, message) => {
    const build = () => buildTrainingCommand(trainingRequested(overrides));
    expect(build).toThrow(InvalidInputError);
    expect(build).toThrow(message);
  });
});
