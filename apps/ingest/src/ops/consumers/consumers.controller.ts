import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses } from '@modelstream/platform';
import { ConsumersService, CONSUMERS_TIMEOUT_MS } from './consumers.service';
import { ConsumerGroupsView } from './consumers.views';
import { NeedsScope } from '@modelstream/auth';

@ApiTags('ops')
@NeedsScope('admin')
@Controller('api/ops')
export class ConsumersController {
  constructor(private readonly consumers: ConsumersService) {}

  @Get('consumers')
  @ApiOperation({
    summary: "The consumer groups of this app's KAFKA_NAMESPACE: state, members and their partitions, lag per topic and partition",
    description:
      'A group is listed when it reads one of the modelstream topics (committed offsets or assigned partitions). Lag is the ' +
      "partition's end offset minus the group's committed offset (the oldest kept message when it never committed). " +
      "The trainer group's members are the trainer instances.",
  })
  @ApiOkResponse({ type: ConsumerGroupsView })
  @ApiErrorResponses({
    503: `Kafka did not answer within ${CONSUMERS_TIMEOUT_MS / 1000} s: check that the broker is running and retry after Retry-After seconds`,
  })
  list(): Promise<ConsumerGroupsView> {
    return this.consumers.list();
  }
}
