/** The inference app's request bodies: JSON up to 10 MB (the default 100 kB is a few hundred rows) and CSV as text for the MLflow scoring protocol. */
import { bodyParsers } from '@modelstream/platform';

export const JSON_BODY_LIMIT = '10mb';
export const CSV_BODY_LIMIT = '25mb';

export const InferenceBodyParsers = bodyParsers({
  json: JSON_BODY_LIMIT,
  text: { types: ['text/csv', 'application/csv'], limit: CSV_BODY_LIMIT },
});
