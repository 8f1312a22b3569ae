import { ApiProperty } from '@nestjs/swagger';
import { IsArray, IsString } from 'class-validator';
import { AsSent } from '@modelstream/platform';

export class PredictByVersionDto {
  @ApiProperty({ description: 'Rows of column → value', example: [{ age: 42, color: 'red' }] })
  @IsArray()
  @AsSent()
  features!: Record<string, unknown>[];
}

export class PredictDto extends PredictByVersionDto {
  @ApiProperty({ description: 'models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/latest', example: 'models:/churn/3' })
  @IsString()
  modelId!: string;
}
