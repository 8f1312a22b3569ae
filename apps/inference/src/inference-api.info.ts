/** Title and description of the inference API, shared by the running app and scripts/openapi.ts. */
export const INFERENCE_API_INFO = {
  title: 'modelstream inference API',
  description:
    'Predictions from MLflow-registered models (by models:/ URI, version, alias or latest), the MLflow scoring protocol, batch predictions over a CSV, the model cache, and aliases.',
} as const;
