import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '@modelstream/platform';
import { DeadLetterList, ListDeadLettersQuery, RepublishAnswer, RepublishDeadLettersBody } from './dead-letters.dto';
import { DeadLettersService } from './dead-letters.service';
import { actorOf, AuditTrail, Caller, NeedsScope, Principal } from '@modelstream/auth';

const KAFKA_DOWN = 'Kafka is unreachable; retry after Retry-After seconds';

@ApiTags('dead letters')
@NeedsScope('admin')
@Controller('api/dead-letters')
export class DeadLettersController {
  constructor(
    private readonly deadLetters: DeadLettersService,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Messages of the dead-letter topic with their origin topic/partition/offset, consumer group and error' })
  @ApiOkResponse({ type: DeadLetterList })
  @ApiErrorResponses({ 400: 'A filter is invalid (fromOffset not a number, limit out of 1-1000)', 503: KAFKA_DOWN })
  list(@Query() query: ListDeadLettersQuery): Promise<DeadLetterList> {
    return this.deadLetters.list(query);
  }

  @Post('republish')
  @HttpCode(200)
  @ApiOperation({ summary: 'Re-publishes the chosen dead letters to the topic they came from' })
  @ApiOkResponse({ type: RepublishAnswer })
  @ApiErrorResponses({
    400: 'No letter named, a malformed offset, or a letter without an origin topic header',
    404: 'A named letter is not in the dead-letter topic (none is sent then)',
    503: KAFKA_DOWN,
  })
  async republish(@Body() body: RepublishDeadLettersBody, @Caller() caller: Principal): Promise<RepublishAnswer> {
    const answer = await this.deadLetters.republish(body.letters);
    await this.audit.record({
      action: 'dead-letters.republished',
      actor: actorOf(caller),
      target: 'dead-letters',
      ownerId: caller.ownerId,
      details: { letters: body.letters },
    });
    return answer;
  }
}
