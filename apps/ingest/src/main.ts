import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { bootstrap } from '@modelstream/platform';
import { INGEST_API_INFO } from './ingest-api.info';
import { IngestModule } from './ingest.module';
import { directStatusRoute } from './projections/status/job-status.direct';

// Between two full GCs the old generation may grow to twice its live size (V8's own choice here was about 1.5×). With
// megabyte chunks passing through, a full GC marking the whole ~75 MB heap came every 15–25 MiB uploaded; at 2× they
// are about half as many, and V8's helper threads spend 8–10 ms of CPU per MiB instead of 12–15 (per-thread CPU over
// 4 × 25 MiB uploads, 6 runs against 4).
setFlagsFromString('--heap-growing-percent=100');
// The megabyte buffers a chunk passes through (socket reads, the multipart body, the inspection thread's copy) are
// external memory: by default each 64 MB of it starts a full GC of its own, whatever the heap's limit (every ~0.5 s
// at 65 MiB/s). Counted in the heap's global limit instead, they wait for the GC that limit calls for: 17–18.5 →
// 14.4–15.1 ms of CPU per MiB over 4 × 25 MiB uploads, 66–70 → 74–82 MiB/s (2 runs each way); peak RSS 580 →
// 590–710 MB.
setFlagsFromString('--external-memory-accounted-in-global-limit');

void bootstrap(IngestModule, {
  service: 'ingest',
  ...INGEST_API_INFO,
  port: (c) => c.INGEST_PORT,
  host: (c) => c.INGEST_HOST,
  consumesEvents: true,
  directRoutes: (app) => [directStatusRoute(app)],
});
