import busboy from 'busboy';
import { makeCsv, MiB, multipartBody } from './upload-client';

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
