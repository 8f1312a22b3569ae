import { Module } from '@nestjs/common';
import { MlflowModule } from '@modelstream/mlflow';
import { DatasetsModule } from '../datasets/datasets.module';
import { StatusModule } from '../projections/status/status.module';
import { SweepPromoter } from './sweep.promoter';
import { SweepsController } from './sweeps.controller';
import { SweepsService } from './sweeps.service';

/** Sweeps: many trainings of one dataset, a live leaderboard, the best version's alias. */
@Module({
  imports: [DatasetsModule, StatusModule, MlflowModule],
  controllers: [SweepsController],
  providers: [SweepsService, SweepPromoter],
})
export class SweepsModule {}
