export { isMlflowNotFound, MlflowApiError, notFoundAs } from './mlflow-api.error';
export * from './mlflow.client';
export * from './mlflow.module';
export * from './mlflow.types';
export * from './model-owner';
