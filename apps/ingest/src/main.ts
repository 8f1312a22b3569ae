import 'reflect-metadata';
import { bootstrap } from '@modelstream/platform';
import { INGEST_API_INFO } from './ingest-api.info';
import { IngestModule } from './ingest.module';

void bootstrap(IngestModule, {
  service: 'ingest',
  ...INGEST_API_INFO,
  port: (c) => c.INGEST_PORT,
  host: (c) => c.INGEST_HOST,
  consumesEvents: true,
});
