import { Module } from '@nestjs/common';
import { AuthModule } from '@modelstream/auth';
import { ConfigModule } from '@modelstream/config';
import { KafkaModule, TopicsInitializer } from '@modelstream/kafka';
import { LoggingModule } from '@modelstream/logging';
import { HealthModule } from '@modelstream/platform';
import { DatabaseModule, ObjectStoreModule, RedisModule } from '@modelstream/storage';
import { AdminKeyBootstrap } from './access/admin-key.bootstrap';
import { AuditController } from './access/audit.controller';
import { AuditProjectorController } from './access/audit-projector.controller';
import { AuditProjection } from './access/audit.projection';
import { WhoAmIController } from './access/whoami.controller';
import { ConsumersModule } from './ops/consumers/consumers.module';
import { ControlModule } from './control/control.module';
import { DatasetsModule } from './datasets/datasets.module';
import { DeadLettersModule } from './ops/dead-letters/dead-letters.module';
import { HistoryModule } from './projections/history/history.module';
import { ModelSpecsModule } from './model-specs/model-specs.module';
import { StatusModule } from './projections/status/status.module';
import { SweepsModule } from './sweeps/sweeps.module';
import { UploadModule } from './upload/upload.module';
import { WatchdogModule } from './ops/watchdog/watchdog.module';

@Module({
  imports: [
    ConfigModule,
    AuthModule,
    LoggingModule.forApp('ingest'),
    KafkaModule,
    ObjectStoreModule,
    RedisModule,
    DatabaseModule,
    HealthModule.register(['kafka', 'schema-registry', 'redis', 'mariadb', 'object-store']),
    UploadModule,
    DatasetsModule,
    SweepsModule,
    StatusModule,
    ControlModule,
    ModelSpecsModule,
    HistoryModule,
    DeadLettersModule,
    ConsumersModule,
    WatchdogModule,
  ],
  controllers: [WhoAmIController, AuditController, AuditProjectorController],
  providers: [TopicsInitializer, AdminKeyBootstrap, AuditProjection],
})
export class IngestModule {}
