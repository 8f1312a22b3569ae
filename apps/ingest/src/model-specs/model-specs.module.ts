import { Module } from '@nestjs/common';
import { ModelSpecsController } from './model-specs.controller';

@Module({ controllers: [ModelSpecsController] })
export class ModelSpecsModule {}
