export * from './job-lifecycle';
export * from './job-state';
