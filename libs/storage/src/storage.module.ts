import { Global, Module } from '@nestjs/common';
import { ObjectStore } from './object-store';
import { RedisConnection } from './redis-connection';

/** The object store connection; import once in an app that uses it. */
@Global()
@Module({ providers: [ObjectStore], exports: [ObjectStore] })
export class ObjectStoreModule {}

/** The Redis connection; import once in an app that uses it. */
@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
