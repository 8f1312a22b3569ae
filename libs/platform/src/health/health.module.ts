import { DynamicModule, InjectionToken, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { DataSource } from 'typeorm';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { MlflowClient } from '@modelstream/mlflow';
import { ObjectStore, RedisConnection } from '@modelstream/storage';
import { MetricsModule } from '../metrics/metrics.module';
import { DEPENDENCY_PROBES, DependencyHealth, DependencyProbe, HealthController } from './dependency-health';

export type Dependency = 'kafka' | 'schema-registry' | 'redis' | 'mariadb' | 'object-store' | 'mlflow';

const PROBES: Record<Dependency, (ref: ModuleRef) => () => Promise<void>> = {
  kafka: (ref) => () => ref.get(KafkaClient, { strict: false }).ping(),
  'schema-registry': (ref) => () => ref.get(EventCodec, { strict: false }).ping(),
  redis: (ref) => () => ref.get(RedisConnection, { strict: false }).ping(),
  mariadb: (ref) => async () => void (await ref.get(DataSource, { strict: false }).query('SELECT 1')),
  'object-store': (ref) => () => ref.get(ObjectStore, { strict: false }).ping(),
  mlflow: (ref) => () => ref.get(MlflowClient, { strict: false }).ping(),
};

/**
 * `HealthModule.register(['kafka', 'redis', ...])` serves GET /health with a check per named dependency,
 * and GET /metrics (Prometheus). `HealthModule.withProbes(factory, inject)` does the same with probes of the
 * app's own (the portal checks the apps it forwards to).
 */
@Module({})
export class HealthModule {
  static register(dependencies: Dependency[]): DynamicModule {
    return HealthModule.withProbes((ref: ModuleRef) => dependencies.map((name) => ({ name, ping: PROBES[name](ref) })), [ModuleRef]);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a Nest factory takes what `inject` names
  static withProbes(useFactory: (...deps: any[]) => DependencyProbe[], inject: InjectionToken[] = []): DynamicModule {
    return {
      module: HealthModule,
      global: true,
      imports: [TerminusModule.forRoot({ logger: false, errorLogStyle: 'json' }), MetricsModule],
      exports: [MetricsModule],
      controllers: [HealthController],
      providers: [DependencyHealth, { provide: DEPENDENCY_PROBES, inject, useFactory }],
    };
  }
}
