export * from './retry';
export * from './map-limit';
