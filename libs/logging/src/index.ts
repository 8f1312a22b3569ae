export * from './logging.module';
export * from './service-version';
