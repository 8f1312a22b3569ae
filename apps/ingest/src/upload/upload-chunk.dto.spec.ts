import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UploadChunkDto } from './upload-chunk.dto';

/** What the ValidationPipe makes of a chunk's form fields (all strings, as multipart sends them). */
function problems(fields: Record<string, string>): string[] {
  const dto = plainToInstance(UploadChunkDto, { filename: 'data.csv', totalChunks: '2', chunkIndex: '0', ...fields });
  return validateSync(dto).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('UploadChunkDto (finding 8: chunkIndex "", "0x0", "1e0" were read as numbers)', () => {
  it('takes decimal whole numbers', () => {
    expect(problems({ chunkIndex: '1', totalChunks: '10000' })).toEqual([]);
  });

  it.each(['', '0x0', '1e0', ' 1', '1.0', '-1', 'one'])('refuses chunkIndex %p, saying what it must be', (chunkIndex) => {
    expect(problems({ chunkIndex })).toContain('chunkIndex must be a whole number from 0 to totalChunks - 1');
  });

  it.each(['', '0x2', '2e0', '0'])('refuses totalChunks %p', (totalChunks) => {
    expect(problems({ totalChunks })).toContain('totalChunks must be a whole number of at least 1');
  });
});
