export * from './mlflow.client';
export * from './mlflow.module';
export * from './mlflow.types';
