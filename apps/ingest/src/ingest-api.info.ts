/** Title and description of the ingest API, shared by the running app and scripts/openapi.ts. */
export const INGEST_API_INFO = {
  title: 'modelstream ingest API',
  description:
    'Chunked CSV upload (one multipart chunk per call), training requests, job status (poll, list or live stream), cancel, and the model families.',
} as const;
