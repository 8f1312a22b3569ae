export * from './retry';
export * from './map-limit';
export * from './refreshing-cache';
