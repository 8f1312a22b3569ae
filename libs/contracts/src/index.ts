export * from './errors';
export * from './generated/events';
export * from './job-status';
export * from './model-specs';
export * from './model-uri';
export * from './sequence-clock';
export * from './topics';
export * from './schemas';
