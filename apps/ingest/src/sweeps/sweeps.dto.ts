import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { JOB_STATUSES, JobStatus } from '@modelstream/contracts';
import { AsSent } from '@modelstream/platform';

export class CreateSweepDto {
  @ApiPropertyOptional({ description: 'Label column (default: the last column)' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  target?: string;

  @ApiProperty({ type: [String], description: 'Model families (keys of GET /api/model-specs), of one problem type' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(16)
  @IsString({ each: true })
  modelTypes!: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: {} },
    description: 'Hyperparameter → values; a key applies to the families whose spec has it',
    example: { learningRate: [0.01, 0.1] },
  })
  @IsOptional()
  @IsObject()
  @AsSent()
  grid?: Record<string, unknown[]>;

  @ApiProperty({ description: 'Validation metric to rank by: accuracy, f1, precision, recall, roc_auc, log_loss, r2, rmse, mae' })
  @IsString()
  @MaxLength(32)
  metric!: string;

  @ApiPropertyOptional({ description: 'Registered model name of every training (default: from the filename)' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  modelName?: string;

  @ApiPropertyOptional({ description: 'When every job is final, this alias goes to the best version (e.g. champion)' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z_][A-Za-z0-9_-]{0,254}$/, { message: 'promoteAlias must be letters, digits, "_" or "-", not starting with a digit' })
  promoteAlias?: string;
}

export class SweepCombinationView {
  @ApiProperty() trackingId!: string;
  @ApiProperty() modelType!: string;
  @ApiProperty({ type: Object, description: 'The grid values of this training (the family defaults fill the rest)' })
  params!: Record<string, unknown>;
}

export class LeaderboardEntryView extends SweepCombinationView {
  @ApiProperty({ description: '1 = best' }) rank!: number;
  @ApiProperty({ enum: JOB_STATUSES }) status!: JobStatus;
  @ApiProperty() progress!: number;
  @ApiProperty({ nullable: true, type: Number, description: "The job's value of the sweep's metric" }) score!: number | null;
  @ApiProperty({ nullable: true, type: Object }) metrics!: Record<string, number | null> | null;
  @ApiProperty({ nullable: true, type: String }) modelId!: string | null;
  @ApiProperty({ nullable: true, type: String }) modelVersion!: string | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

export class SweepView {
  @ApiProperty() sweepId!: string;
  @ApiProperty() datasetId!: string;
  @ApiProperty() modelName!: string;
  @ApiProperty() target!: string;
  @ApiProperty() metric!: string;
  @ApiProperty({ enum: ['max', 'min'], description: 'max: higher is better' }) direction!: 'max' | 'min';
  @ApiProperty({ nullable: true, type: String }) promoteAlias!: string | null;
  @ApiProperty({ enum: ['running', 'completed'], description: 'completed once every job is final and the alias (if asked for) is given' })
  status!: 'running' | 'completed';
  @ApiProperty({ description: 'Every job of the sweep is completed, failed or cancelled' }) jobsFinal!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'The version that got promoteAlias' }) promotedVersion!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: [SweepCombinationView] }) combinations!: SweepCombinationView[];
  @ApiProperty({ type: [LeaderboardEntryView], description: 'Best first by the metric' }) leaderboard!: LeaderboardEntryView[];
}
