import { Global, Module } from '@nestjs/common';
import { EventCodec } from './event-codec';
import { EventPublisher } from './event-publisher';
import { KafkaClient } from './kafka-client';

@Global()
@Module({
  providers: [KafkaClient, EventCodec, EventPublisher],
  exports: [KafkaClient, EventCodec, EventPublisher],
})
export class KafkaModule {}
