/**
 * The trainer's GET /health: its dependencies, and whether it can train at all — `training-worker` is down
 * (503, with the reason) while no fit worker can start, and up again once one does.
 */
import { ModuleRef } from '@nestjs/core';
import { EventCodec, KafkaClient } from '@modelstream/kafka';
import { MlflowClient } from '@modelstream/mlflow';
import { DependencyProbe, HealthModule } from '@modelstream/platform';
import { ObjectStore } from '@modelstream/storage';
import { FitWorkerPool, TRAINING_WORKER } from './training/fit-worker/fit-worker.pool';

function trainerProbes(ref: ModuleRef): DependencyProbe[] {
  const get = <T>(type: new (...args: never[]) => T): T => ref.get(type, { strict: false });
  return [
    { name: 'kafka', ping: () => get(KafkaClient).ping() },
    { name: 'schema-registry', ping: () => get(EventCodec).ping() },
    { name: 'object-store', ping: () => get(ObjectStore).ping() },
    { name: 'mlflow', ping: () => get(MlflowClient).ping() },
    { name: TRAINING_WORKER, ping: async () => get(FitWorkerPool).check() },
  ];
}

export const TrainerHealthModule = HealthModule.withProbes(trainerProbes, [ModuleRef]);
