import { Global, Module } from '@nestjs/common';
import { ObjectStore } from './object-store';
import { AppConfig } from '@modelstream/config';
import { RedisConnection } from './redis-connection';
import { RedisKeys } from './redis-keys';

/** The object store connection; import once in an app that uses it. */
@Global()
@Module({ providers: [ObjectStore], exports: [ObjectStore] })
export class ObjectStoreModule {}

/** The Redis connection and the key names (prefix from config); import once in an app that uses it. */
@Global()
@Module({
  providers: [
    RedisConnection,
    { provide: RedisKeys, useFactory: (config: AppConfig) => new RedisKeys(config.REDIS_KEY_PREFIX), inject: [AppConfig] },
  ],
  exports: [RedisConnection, RedisKeys],
})
export class RedisModule {}
