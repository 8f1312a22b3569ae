import { Module } from '@nestjs/common';
import { AuthModule } from '@modelstream/auth';
import { ConfigModule } from '@modelstream/config';
import { KafkaModule } from '@modelstream/kafka';
import { LoggingModule } from '@modelstream/logging';
import { MlflowModule } from '@modelstream/mlflow';
import { ObjectStoreModule } from '@modelstream/storage';
import { TrainerHealthModule } from './trainer-health';
import { TrainingModule } from './training/training.module';

@Module({
  imports: [
    ConfigModule,
    AuthModule, // /metrics behind a key unless METRICS_PUBLIC
    LoggingModule.forApp('trainer'),
    KafkaModule,
    ObjectStoreModule,
    MlflowModule,
    TrainerHealthModule,
    // TrainingModule provides the TopicsInitializer and the event controllers; main.ts starts the Kafka
    // transport once every bootstrap hook (topics, schemas, TF.js backend) has run.
    TrainingModule,
  ],
})
export class TrainerModule {}
