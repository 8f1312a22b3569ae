/**
 * The reading path that has csv-parse read every record (UTF-8 decoded to text first): the reference
 * the byte reader is checked against in the specs, and the "before" of bench/load.
 */
import { parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DatasetError } from '../dataset-error';
import { ColumnBuffer } from './column-buffer';
import { CSV_PARSE_OPTIONS, checkHeader, emptyFileError, noRowsError, translateCsvError } from './csv-rules';
import type { CsvTable } from '../csv-table';

/** Decodes UTF-8 strictly, chunk by chunk, across chunk borders. */
async function* decodeUtf8(source: AsyncIterable<Uint8Array>, counter: { bytes: number }): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of source) {
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      throw new DatasetError(
        `The file is not valid UTF-8 text (bad bytes within bytes ${counter.bytes}–${counter.bytes + chunk.length}). Save it as a UTF-8 encoded CSV and upload it again.`,
      );
    }
    counter.bytes += chunk.length;
    if (text) yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch {
    throw new DatasetError('The file is not valid UTF-8 text (it ends in the middle of a character). Save it as a UTF-8 encoded CSV.');
  }
}

export async function readCsvTableWithCsvParse(source: AsyncIterable<Uint8Array>): Promise<CsvTable> {
  const counter = { bytes: 0 };
  const parser = parse(CSV_PARSE_OPTIONS);
  const feeding = pipeline(Readable.from(decodeUtf8(source, counter)), parser);
  feeding.catch(() => undefined); // the same error surfaces through the iteration below
  let columns: string[] | null = null;
  let buffers: ColumnBuffer[] = [];
  let rows = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (!columns) {
        columns = checkHeader(record);
        buffers = columns.map((c) => new ColumnBuffer(c));
        continue;
      }
      for (let i = 0; i < buffers.length; i++) buffers[i].push(record[i]);
      rows++;
    }
    await feeding;
  } catch (error) {
    throw translateCsvError(error, columns);
  }
  if (!columns) throw emptyFileError();
  if (rows === 0) throw noRowsError();
  return { columns, rows, buffers, bytes: counter.bytes };
}
