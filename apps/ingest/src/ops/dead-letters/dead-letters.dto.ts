import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNumberString,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

export class ListDeadLettersQuery {
  @ApiPropertyOptional({ description: 'Only letters that came from this topic' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  originTopic?: string;

  @ApiPropertyOptional({ description: 'Only letters dead-lettered by this consumer group' })
  @IsOptional()
  @IsString()
  @MaxLength(255)
  consumerGroup?: string;

  @ApiPropertyOptional({ description: 'Only letters at or after this offset of the dead-letter topic' })
  @IsOptional()
  @IsNumberString({ no_symbols: true })
  fromOffset?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit?: number;
}

export class LetterRefDto {
  @ApiPropertyOptional({ default: 0, description: 'Partition of the dead-letter topic' })
  @IsOptional()
  @IsInt()
  @Min(0)
  partition?: number;

  @ApiProperty({ description: 'Offset of the letter in the dead-letter topic' })
  @IsNumberString({ no_symbols: true })
  offset!: string;
}

export class RepublishDeadLettersBody {
  @ApiProperty({ type: [LetterRefDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => LetterRefDto)
  letters!: LetterRefDto[];
}

export class DeadLetterOrigin {
  @ApiProperty({ nullable: true, type: String, description: 'The topic the message came from' }) topic!: string | null;
  @ApiProperty({ nullable: true, type: Number }) partition!: number | null;
  @ApiProperty({ nullable: true, type: String }) offset!: string | null;
}

export class DeadLetterView {
  @ApiProperty({ description: 'Partition of the dead-letter topic' }) partition!: number;
  @ApiProperty({ description: 'Offset in the dead-letter topic (what republish takes)' }) offset!: string;
  @ApiProperty({ format: 'date-time', description: 'When the letter was written' }) timestamp!: string;
  @ApiProperty({ nullable: true, type: String, description: "The message key (the job's trackingId)" }) key!: string | null;
  @ApiProperty({ type: DeadLetterOrigin }) origin!: DeadLetterOrigin;
  @ApiProperty({ nullable: true, type: String, description: 'The consumer group that gave up on it' }) consumerGroup!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Why it was dead-lettered' }) error!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Delivery attempts before it was' }) attempts!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) failedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'TrainingCompleted' }) eventType!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'Every header of the message, as text' })
  headers!: Record<string, string>;
  @ApiProperty({ description: 'Bytes of the original message' }) size!: number;
  @ApiProperty({ nullable: true, type: String, format: 'byte', description: 'The original message bytes, base64' }) value!: string | null;
}

export class DeadLetterList {
  @ApiProperty({ type: [DeadLetterView], description: 'Oldest first, at most limit' }) items!: DeadLetterView[];
  @ApiProperty({ description: 'Letters matching the filters' }) total!: number;
}

export class RepublishedTo {
  @ApiProperty() topic!: string;
  @ApiProperty() partition!: number;
  @ApiProperty() offset!: string;
}

export class RepublishedLetterView {
  @ApiProperty({ description: 'Partition of the dead letter' }) partition!: number;
  @ApiProperty({ description: 'Offset of the dead letter' }) offset!: string;
  @ApiProperty({ type: RepublishedTo, description: 'Where its copy was written' }) to!: RepublishedTo;
}

export class RepublishAnswer {
  @ApiProperty({ type: [RepublishedLetterView] }) republished!: RepublishedLetterView[];
}
