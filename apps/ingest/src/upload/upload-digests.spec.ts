import { createHash } from 'node:crypto';
import { profileCsv } from '../datasets/dataset-profile';
import { UploadDigests } from './upload-digests';

const file = Buffer.from(
  ['a,b,label', ...Array.from({ length: 300 }, (_, i) => `${i},${i % 7 === 0 ? 'NA' : i / 2},"l ${i % 4}"`)].join('\n'),
);
const parts = [file.subarray(0, 1000), file.subarray(1000, 2500), file.subarray(2500)];
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('UploadDigests', () => {
  it('gives the whole file sha256 and profile of chunks taken in order', async () => {
    const digests = new UploadDigests();
    digests.accepted('t', 0, parts[0]);
    digests.accepted('t', 1, parts[1]);
    expect(digests.sha256With('t', 2, parts[2])).toBe(sha(file));
    digests.accepted('t', 2, parts[2]);
    expect(await digests.profile('t', 3)).toEqual(await profileCsv([file], 0));
    await digests.close();
  });

  it('knows nothing of an upload with a chunk it did not take, nor of more or fewer chunks than it took', async () => {
    const digests = new UploadDigests();
    digests.accepted('t', 0, parts[0]);
    digests.accepted('t', 2, parts[2]); // chunk 1 went to another instance
    expect(digests.sha256With('t', 2, parts[2])).toBeUndefined();
    digests.accepted('u', 0, parts[0]);
    expect(digests.sha256With('u', 2, parts[2])).toBeUndefined();
    expect(await digests.profile('u', 3)).toBeUndefined();
  });

  it('keeps at most `capacity` uploads, the least recently fed out first', () => {
    const digests = new UploadDigests(2);
    digests.accepted('a', 0, parts[0]);
    digests.accepted('b', 0, parts[0]);
    digests.accepted('a', 1, parts[1]);
    digests.accepted('c', 0, parts[0]);
    expect(digests.sha256With('b', 1, parts[1])).toBeUndefined();
    expect(digests.sha256With('a', 2, parts[2])).toBe(sha(file));
    digests.forget('a');
    expect(digests.sha256With('a', 2, parts[2])).toBeUndefined();
  });
});
