import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class CancelTrainingDto {
  @ApiPropertyOptional({ description: 'Why the job is cancelled (kept with the job)', example: 'wrong target column' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
