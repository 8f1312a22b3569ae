import { Module } from '@nestjs/common';
import { ConfigModule } from '@modelstream/config';
import { KafkaModule, TopicsInitializer } from '@modelstream/kafka';
import { LoggingModule } from '@modelstream/logging';
import { MlflowModule } from '@modelstream/mlflow';
import { HealthModule } from '@modelstream/platform';
import { ObjectStoreModule } from '@modelstream/storage';

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forApp('trainer'),
    KafkaModule,
    ObjectStoreModule,
    MlflowModule,
    HealthModule.register(['kafka', 'schema-registry', 'object-store', 'mlflow']),
  ],
  providers: [TopicsInitializer],
})
export class TrainerModule {}
