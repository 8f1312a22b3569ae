import { Module } from '@nestjs/common';
import { ConsumersController } from './consumers.controller';
import { ConsumersService } from './consumers.service';

/** The consumer groups API (lag per topic and group), on the app's Kafka admin client (KafkaModule is global). */
@Module({
  controllers: [ConsumersController],
  providers: [ConsumersService],
})
export class ConsumersModule {}
