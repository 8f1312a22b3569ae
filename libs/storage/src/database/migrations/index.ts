import { CreateJobHistory1764072000000 } from './1764072000000-create-job-history';
import { JobLifecycleFacts1764489600000 } from './1764489600000-job-lifecycle-facts';
import { DatasetsAndSweeps1764835200000 } from './1764835200000-datasets-and-sweeps';
import { JobListIndexes1764921600000 } from './1764921600000-job-list-indexes';
import { ApiKeys1765008000000 } from './1765008000000-api-keys';
import { Owners1765094400000 } from './1765094400000-owners';
import { AuditEvents1765180800000 } from './1765180800000-audit-events';
import { JobVersionGroups1765267200000 } from './1765267200000-job-version-groups';

/** Every migration, in order. Add new ones at the end; never edit one that has landed. */
export const MIGRATIONS: Function[] = [
  CreateJobHistory1764072000000,
  JobLifecycleFacts1764489600000,
  DatasetsAndSweeps1764835200000,
  JobListIndexes1764921600000,
  ApiKeys1765008000000,
  Owners1765094400000,
  AuditEvents1765180800000,
  JobVersionGroups1765267200000,
];
