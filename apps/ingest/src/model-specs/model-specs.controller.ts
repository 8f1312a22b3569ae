import { Controller, Get } from '@nestjs/common';
import { NeedsScope } from '@modelstream/auth';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { listModelSpecs, ModelSpec } from '@modelstream/contracts';

class ModelSpecView {
  @ApiProperty({ example: 'logistic_regression' }) key!: string;
  @ApiProperty({ enum: ['classification', 'regression'] }) problemType!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ type: Object, description: 'Default hyperparameters' }) defaults!: Record<string, unknown>;
  @ApiProperty({ type: Object, description: 'Rule of each hyperparameter (kind, range or values)' }) rules!: Record<string, unknown>;
}

@ApiTags('models')
@NeedsScope('read')
@Controller('api/model-specs')
export class ModelSpecsController {
  @Get()
  @ApiOperation({ summary: 'The model families (modelType keys) with their default hyperparameters and rules' })
  @ApiOkResponse({ type: [ModelSpecView] })
  list(): readonly ModelSpec[] {
    return listModelSpecs();
  }
}
