/** The inference app's request bodies: JSON up to 10 MB (the default 100 kB is a few hundred rows) and CSV as text for the MLflow scoring protocol. */
import { bodyParsers } from '@modelstream/platform';

export const JSON_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
export const CSV_BODY_LIMIT_BYTES = 25 * 1024 * 1024;

export const InferenceBodyParsers = bodyParsers({
  jsonBytes: JSON_BODY_LIMIT_BYTES,
  text: { types: ['text/csv', 'application/csv'], bytes: CSV_BODY_LIMIT_BYTES },
});
