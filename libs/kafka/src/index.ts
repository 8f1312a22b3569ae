export * from './event-codec';
export * from './event-consumer';
export * from './event-publisher';
export * from './kafka-client';
export * from './kafka.module';
export * from './topics.initializer';
