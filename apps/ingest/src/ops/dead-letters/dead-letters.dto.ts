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
