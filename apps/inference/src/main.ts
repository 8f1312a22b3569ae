import 'reflect-metadata';
import { bootstrap } from '@modelstream/platform';
import { InferenceModule } from './inference.module';

void bootstrap(InferenceModule, {
  service: 'inference',
  title: 'modelstream inference API',
  description: 'Predictions from MLflow-registered models',
  port: (c) => c.INFERENCE_PORT,
  host: (c) => c.INFERENCE_HOST,
});
