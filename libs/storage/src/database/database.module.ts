import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '@modelstream/config';
import { dataSourceOptions } from './data-source-options';

/** The MariaDB connection (TypeORM), created once, migrations applied at start, closed on shutdown. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), retryAttempts: 30, retryDelay: 2000 }),
    }),
  ],
  exports: [TypeOrmModule],
})
export class DatabaseModule {}
