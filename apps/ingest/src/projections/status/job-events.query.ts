import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { JOB_STATUSES, JobStatus } from '@modelstream/contracts';

/** The query of the all-jobs stream: its status filter is validated as the status list's is. */
export class JobEventsQuery {
  @ApiPropertyOptional({ enum: JOB_STATUSES, description: 'Only changes that leave a job in this status' })
  @IsOptional()
  @IsIn(JOB_STATUSES, { message: `status must be one of ${JOB_STATUSES.join(', ')}` })
  status?: JobStatus;
}
