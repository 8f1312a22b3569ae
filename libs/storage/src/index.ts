export * from './database/data-source-options';
export * from './database/database.module';
export * from './database/entities';
export * from './database/history-database';
export * from './database/migrations';
export * from './object-store';
export * from './redis-connection';
export * from './storage.module';
