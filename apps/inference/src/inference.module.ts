import { Module } from '@nestjs/common';
import { AuthModule } from '@modelstream/auth';
import { ConfigModule } from '@modelstream/config';
import { KafkaModule } from '@modelstream/kafka';
import { LoggingModule } from '@modelstream/logging';
import { MlflowModule } from '@modelstream/mlflow';
import { HealthModule } from '@modelstream/platform';
import { ObjectStoreModule } from '@modelstream/storage';
import { BatchJobStore } from './batch/batch-job.store';
import { BatchPredictionController } from './batch/batch-prediction.controller';
import { BatchPredictionService } from './batch/batch-prediction.service';
import { DatasetSource } from './batch/dataset-source';
import { InferenceBodyParsers } from './http/body-parsers';
import { AliasesController } from './models/aliases.controller';
import { InferenceMetrics } from './models/inference-metrics';
import { ModelAccess, ModelOwnerGuard } from './models/model-access';
import { ModelArtifactsReader } from './models/model-artifacts.reader';
import { ModelCatalogService } from './models/model-catalog.service';
import { ModelDetailsController } from './models/model-details.controller';
import { ModelAliasesService } from './models/model-aliases.service';
import { ModelLoader } from './models/model-loader';
import { ModelResolver } from './models/model-resolver';
import { ModelServingService } from './models/model-serving.service';
import { ModelsController } from './models/models.controller';
import { ServingStats } from './models/serving-stats';
import { PredictController } from './prediction/predict.controller';
import { PredictionService } from './prediction/prediction.service';
import { InvocationsController, PingController } from './scoring/invocations.controller';

/** Predictions change nothing: a successful one is logged as a read (at debug), counted in the serving metrics. */
export const PREDICTION_ROUTES = [
  'POST /api/predict',
  'POST /api/models/:name/versions/:version/predict',
  'POST /api/models/:name/aliases/:alias/predict',
  'POST /api/models/:name/versions/:version/invocations',
  'POST /api/models/:name/aliases/:alias/invocations',
];

@Module({
  imports: [
    ConfigModule,
    AuthModule,
    KafkaModule, // the audit trail's producer (connects on the first alias move)
    LoggingModule.forApp('inference', { readRoutes: PREDICTION_ROUTES }),
    MlflowModule,
    ObjectStoreModule,
    HealthModule.register(['mlflow', 'object-store']),
  ],
  // ModelsController before ModelDetailsController: GET /api/models/loaded is the cache, not a model named "loaded".
  controllers: [
    PredictController,
    PingController,
    InvocationsController,
    ModelsController,
    ModelDetailsController,
    AliasesController,
    BatchPredictionController,
  ],
  providers: [
    InferenceBodyParsers,
    InferenceMetrics,
    ServingStats,
    ModelResolver,
    ModelLoader,
    ModelServingService,
    ModelAliasesService,
    ModelArtifactsReader,
    ModelCatalogService,
    ModelAccess,
    ModelOwnerGuard,
    PredictionService,
    BatchJobStore,
    BatchPredictionService,
    DatasetSource,
  ],
})
export class InferenceModule {}
