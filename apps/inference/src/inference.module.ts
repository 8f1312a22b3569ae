import { Module } from '@nestjs/common';
import { ConfigModule } from '@modelstream/config';
import { LoggingModule } from '@modelstream/logging';
import { MlflowModule } from '@modelstream/mlflow';
import { HealthModule } from '@modelstream/platform';
import { ObjectStoreModule } from '@modelstream/storage';

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forApp('inference'),
    MlflowModule,
    ObjectStoreModule,
    HealthModule.register(['mlflow', 'object-store']),
  ],
})
export class InferenceModule {}
