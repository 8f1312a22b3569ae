import { Global, Module } from '@nestjs/common';
import { DeadLetterWriter } from './dead-letter.writer';
import { EventCodec } from './event-codec';
import { EventPublisher } from './event-publisher';
import { KafkaClient } from './kafka-client';
import { GroupConsumerFactory, KafkaEventTransport } from './kafka-event.transport';

/** Kafka for an app: the client, the Avro codec, publishing, dead letters and the event transport. */
@Global()
@Module({
  providers: [KafkaClient, EventCodec, EventPublisher, DeadLetterWriter, GroupConsumerFactory, KafkaEventTransport],
  exports: [KafkaClient, EventCodec, EventPublisher, DeadLetterWriter, KafkaEventTransport],
})
export class KafkaModule {}
