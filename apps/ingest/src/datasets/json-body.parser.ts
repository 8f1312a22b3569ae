/** JSON bodies up to 64 MB: POST /api/train's rows may make a 25 MB CSV, and JSON spells each row's column names out. */
import { bodyParsers } from '@modelstream/platform';

export const JSON_BODY_LIMIT = '64mb';

export const JsonBodyParser = bodyParsers({ json: JSON_BODY_LIMIT });
