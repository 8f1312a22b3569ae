import busboy from 'busboy';
import { makeCsv, MiB, multipartBody, variant } from './upload-client';

/** What busboy (the parser under the ingest app's multipart) reads from the body's parts. */
function parse(
  body: ReturnType<typeof multipartBody>,
): Promise<{ fields: [string, string][]; file: Buffer; filename: string; type: string }> {
  return new Promise((resolve, reject) => {
    const fields: [string, string][] = [];
    const file: Buffer[] = [];
    let info: { filename?: string; mimeType: string } = { mimeType: '' };
    const parser = busboy({ headers: { 'content-type': body.contentType } });
    parser.on('field', (name, value) => fields.push([name, value]));
    parser.on('file', (_name, stream, fileInfo) => {
      info = fileInfo;
      stream.on('data', (bytes: Buffer) => file.push(bytes));
    });
    parser.on('close', () => resolve({ fields, file: Buffer.concat(file), filename: info.filename ?? '', type: info.mimeType }));
    parser.on('error', reject);
    for (const part of body.parts) parser.write(part);
    parser.end();
  });
}

describe('the bench client multipart body', () => {
  it('reads back as the fields in order and the file byte for byte', async () => {
    const bytes = makeCsv(MiB);
    const fields: [string, string][] = [
      ['filename', 'bench.csv'],
      ['chunkIndex', '0'],
      ['params', '{"epochs": 1}'],
    ];
    const body = multipartBody(fields, { name: 'file', filename: 'bench.csv', type: 'text/csv', bytes });
    const read = await parse(body);
    expect(read.fields).toEqual(fields);
    expect(read.filename).toBe('bench.csv');
    expect(read.type).toBe('text/csv');
    expect(read.file.equals(bytes)).toBe(true);
    expect(body.parts[1]).toBe(bytes); // the chunk is sent as it is, not copied
  });

  it('uses a boundary of its own for every body', () => {
    const file = { name: 'file', filename: 'a.csv', type: 'text/csv', bytes: Buffer.from('a\n1\n') };
    expect(multipartBody([], file).contentType).not.toBe(multipartBody([], file).contentType);
  });
});

describe('the bench client variant of a file', () => {
  const base = makeCsv(5 * MiB + 1234);
  const headerEnd = base.indexOf(10) + 1;
  const firstField = base.indexOf(44, headerEnd);

  it('is the base file but for the first data row, whose first field is the upload number at its width', () => {
    const file = Buffer.concat(variant(base, 42, MiB));
    expect(file.length).toBe(base.length);
    expect(file.subarray(0, headerEnd).equals(base.subarray(0, headerEnd))).toBe(true);
    expect(file.subarray(headerEnd, firstField).toString()).toBe('42'.padStart(firstField - headerEnd, '0'));
    expect(file.subarray(firstField).equals(base.subarray(firstField))).toBe(true);
  });

  it('copies only the first chunk: the others are the base bytes themselves, chunkBytes each but the last', () => {
    const chunks = variant(base, 7, MiB);
    expect(chunks.map((c) => c.length)).toEqual([MiB, MiB, MiB, MiB, MiB, base.length - 5 * MiB]);
    expect(chunks[0].buffer).not.toBe(base.buffer);
    for (const chunk of chunks.slice(1)) expect(chunk.buffer).toBe(base.buffer);
  });

  it('is another file for another upload', () => {
    expect(variant(base, 1, MiB)[0].equals(variant(base, 2, MiB)[0])).toBe(false);
  });
});
