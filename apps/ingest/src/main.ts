import 'reflect-metadata';
import { bootstrap } from '@modelstream/platform';
import { IngestModule } from './ingest.module';

void bootstrap(IngestModule, {
  service: 'ingest',
  title: 'modelstream ingest API',
  description: 'Chunked CSV upload, training requests and job status',
  port: (c) => c.INGEST_PORT,
  host: (c) => c.INGEST_HOST,
});
