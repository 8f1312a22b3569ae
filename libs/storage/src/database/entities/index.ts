import { ApiKeyEntity } from './api-key.entity';
import { AuditEventEntity } from './audit-event.entity';
import { DatasetEntity } from './dataset.entity';
import { JobEventCursorEntity } from './job-event-cursor.entity';
import { JobMetricEntity } from './job-metric.entity';
import { JobStatusTransitionEntity } from './job-status-transition.entity';
import { SweepEntity } from './sweep.entity';
import { TrainingJobEntity } from './training-job.entity';

export * from './api-key.entity';
export * from './audit-event.entity';
export * from './dataset.entity';
export * from './job-event-cursor.entity';
export * from './job-metric.entity';
export * from './job-status-transition.entity';
export * from './sweep.entity';
export * from './training-job.entity';

/** Every TypeORM entity of the project (the history projection's tables, datasets and sweeps, API keys, the audit trail). */
export const ENTITIES: Function[] = [
  TrainingJobEntity,
  JobStatusTransitionEntity,
  JobMetricEntity,
  JobEventCursorEntity,
  DatasetEntity,
  SweepEntity,
  ApiKeyEntity,
  AuditEventEntity,
];
