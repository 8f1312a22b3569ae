import { Module } from '@nestjs/common';
import { ConfigModule } from '@modelstream/config';
import { KafkaModule } from '@modelstream/kafka';
import { LoggingModule } from '@modelstream/logging';
import { MlflowModule } from '@modelstream/mlflow';
import { HealthModule } from '@modelstream/platform';
import { ObjectStoreModule } from '@modelstream/storage';
import { TrainingModule } from './training/training.module';

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forApp('trainer'),
    KafkaModule,
    ObjectStoreModule,
    MlflowModule,
    HealthModule.register(['kafka', 'schema-registry', 'object-store', 'mlflow']),
    // TrainingModule provides the TopicsInitializer and the event controllers; main.ts starts the Kafka
    // transport once every bootstrap hook (topics, schemas, TF.js backend) has run.
    TrainingModule,
  ],
})
export class TrainerModule {}
