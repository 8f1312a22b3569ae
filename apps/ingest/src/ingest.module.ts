import { Module } from '@nestjs/common';
import { ConfigModule } from '@modelstream/config';
import { KafkaModule, TopicsInitializer } from '@modelstream/kafka';
import { LoggingModule } from '@modelstream/logging';
import { HealthModule } from '@modelstream/platform';
import { DatabaseModule, ObjectStoreModule, RedisModule } from '@modelstream/storage';

@Module({
  imports: [
    ConfigModule,
    LoggingModule.forApp('ingest'),
    KafkaModule,
    ObjectStoreModule,
    RedisModule,
    DatabaseModule,
    HealthModule.register(['kafka', 'schema-registry', 'redis', 'mariadb', 'object-store']),
  ],
  providers: [TopicsInitializer],
})
export class IngestModule {}
