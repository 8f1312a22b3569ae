import 'reflect-metadata';
import { bootstrap } from '@modelstream/platform';
import { INFERENCE_API_INFO } from './inference-api.info';
import { InferenceModule } from './inference.module';
import { directPredictRoute } from './prediction/predict.direct';

void bootstrap(InferenceModule, {
  service: 'inference',
  ...INFERENCE_API_INFO,
  port: (c) => c.INFERENCE_PORT,
  host: (c) => c.INFERENCE_HOST,
  directRoutes: (app) => [directPredictRoute(app)],
});
