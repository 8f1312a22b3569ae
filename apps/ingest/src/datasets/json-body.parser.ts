/** JSON bodies up to 64 MB: POST /api/train's rows may make a 25 MB CSV, and JSON spells each row's column names out. */
import { bodyParsers } from '@modelstream/platform';

export const JSON_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export const JsonBodyParser = bodyParsers({ jsonBytes: JSON_BODY_LIMIT_BYTES });
