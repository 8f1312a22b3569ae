import { Module } from '@nestjs/common';
import { DeadLetterStore } from './dead-letter.store';
import { DeadLettersController } from './dead-letters.controller';
import { DeadLettersService } from './dead-letters.service';

/** The dead-letter topic's API: list, re-publish. */
@Module({
  controllers: [DeadLettersController],
  providers: [DeadLetterStore, DeadLettersService],
  exports: [DeadLettersService],
})
export class DeadLettersModule {}
