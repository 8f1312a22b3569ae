import { DependencyUnavailableError, InvalidInputError, NotFoundError } from '@modelstream/contracts';
import { objectStoreError } from './object-store';

const s3 = (name: string, status?: number) =>
  Object.assign(new Error(`${name}: the string to sign was AWS4-HMAC-SHA256 … AKIAEXAMPLE`), {
    name,
    $metadata: { httpStatusCode: status },
  });

describe('objectStoreError', () => {
  it('makes a missing key or bucket permanent (404), never an outage to wait out', () => {
    expect(objectStoreError(s3('NoSuchKey', 404), 'reading', 'uploads/x/chunk-00000')).toEqual(
      new NotFoundError('Object uploads/x/chunk-00000 does not exist in the object store.'),
    );
    expect(objectStoreError(s3('NoSuchBucket', 404), 'reading', 'k')).toBeInstanceOf(NotFoundError);
  });

  it('makes a refused name a 400, and a refused signature or a 5xx a 503 that keeps S3’s words for the logs only', () => {
    expect(objectStoreError(s3('InvalidArgument', 400), 'writing')).toBeInstanceOf(InvalidInputError);
    expect(objectStoreError(s3('BadDigest', 400), 'storing k')).toBeInstanceOf(DependencyUnavailableError); // damaged on the way: retried
    const refused = objectStoreError(s3('SignatureDoesNotMatch', 403), 'writing') as DependencyUnavailableError;
    expect(refused).toBeInstanceOf(DependencyUnavailableError);
    expect(refused.message).not.toContain('AKIAEXAMPLE');
    expect(refused.detail).toContain('AKIAEXAMPLE');
    expect(objectStoreError(s3('InternalError', 500), 'reading')).toBeInstanceOf(DependencyUnavailableError);
  });
});
