import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListDeadLettersQuery, RepublishDeadLettersBody } from './dead-letters.dto';
import { DeadLettersService } from './dead-letters.service';

@ApiTags('dead letters')
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(private readonly deadLetters: DeadLettersService) {}

  @Get()
  @ApiOperation({ summary: 'Messages of the dead-letter topic with their origin topic/partition/offset, consumer group and error' })
  list(@Query() query: ListDeadLettersQuery) {
    return this.deadLetters.list(query);
  }

  @Post('republish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-publishes the chosen dead letters to the topic they came from' })
  republish(@Body() body: RepublishDeadLettersBody) {
    return this.deadLetters.republish(body.letters);
  }
}
