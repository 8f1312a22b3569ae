import { Module } from '@nestjs/common';
import { HistoryModule } from '../projections/history/history.module';
import { StatusModule } from '../projections/status/status.module';
import { RedisRetryCounter } from '../projections/history/redis-retry-counter';
import { CatalogProjectorController } from './catalog-projector.controller';
import { CatalogProjection } from './catalog.projection';
import { CatalogRepository } from './catalog.repository';
import { DatasetTrainingService } from './dataset-training.service';
import { DatasetsController } from './datasets.controller';
import { DatasetsService } from './datasets.service';
import { JsonBodyParser } from './json-body.parser';

/** Datasets: the catalog's projector (datasets topic → MariaDB), its API, training a stored dataset, JSON rows. */
@Module({
  imports: [StatusModule, HistoryModule],
  controllers: [DatasetsController, CatalogProjectorController],
  providers: [DatasetsService, DatasetTrainingService, CatalogRepository, CatalogProjection, RedisRetryCounter, JsonBodyParser],
  exports: [DatasetsService, DatasetTrainingService, CatalogRepository, CatalogProjection],
})
export class DatasetsModule {}
