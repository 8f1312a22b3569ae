import 'reflect-metadata';
import { bootstrap } from '@modelstream/platform';
import { TrainerModule } from './trainer.module';

void bootstrap(TrainerModule, {
  service: 'trainer',
  title: 'modelstream trainer',
  description: 'Kafka consumer group that trains TF.js models and registers them in MLflow (health and metrics only)',
  port: (c) => c.TRAINER_PORT,
  host: (c) => c.TRAINER_HOST,
  consumesEvents: true,
});
