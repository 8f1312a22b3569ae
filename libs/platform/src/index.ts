export * from './api-error-body';
export * from './bootstrap';
export * from './domain-error.filter';
export * from './health/dependency-health';
export * from './health/health.module';
export * from './http/body-parsers';
export * from './metrics/metrics.module';
export * from './periodic-task';
