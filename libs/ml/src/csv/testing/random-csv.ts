/**
 * Seeded random CSV files for the specs that check the byte reader against the csv-parse-only reference:
 * numbers in every spelling Number() reads (and some it does not), missing markers, NaN/Infinity, radix
 * literals, text with UTF-8 (multi-byte, BOM), quoted fields with commas, quotes and line breaks inside,
 * blank lines, \n, \r\n and \r files, and — in some files — one error of each kind the reader reports.
 */
import { seededRandom } from '../../split';

export type CsvFault = 'none' | 'field-count' | 'bad-quote' | 'open-quote' | 'bad-utf8' | 'cut-utf8' | 'lone-lf';

export interface RandomCsv {
  bytes: Buffer;
  fault: CsvFault;
  /** The bytes split at random places (inside numbers and multi-byte characters too). */
  chunks: Buffer[];
}

const WORDS = ['red', 'green', 'Blue', 'café', 'thé', 'naïve', '東京', '😀 smile', 'a b', 'x', 'NA-ish', 'true', 'false'];
const MISSING = ['', 'NA', 'na', 'N/A', 'n/a', 'null', 'NULL', 'None', '?', ' ', '  NA ', '\t'];
const ODD_NUMBERS = [
  'NaN',
  'nan',
  '-nan',
  'inf',
  '-inf',
  'Infinity',
  '+Infinity',
  '-Infinity',
  '1e400',
  '-1e999',
  '1e-400',
  '0x1F',
  '0b11',
  '0o7',
  '0X1f',
  ' 12 ',
  '\t3',
  '4 ',
  '1e',
  '+',
  '-',
  '.',
  '1.2.3',
  '١٢',
  '1_000',
  '١',
  '0.1e',
  '--1',
  '+-1',
  '00',
  '-0',
  '+0',
  '-0.0',
  '0e999',
  '.e5',
  '5.',
  '.5',
  '-.5',
  '+.5e-3',
  '1E+05',
  '1e+5',
  '123456789012345678901234567890',
  '0.30000000000000004',
  '9007199254740993',
  '4.9e-324',
  '2.2250738585072014e-308',
  '1.7976931348623157e308',
  '1.7976931348623159e308',
];

export function randomCsv(seed: number): RandomCsv {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const pick = <T>(xs: T[]): T => xs[int(xs.length)];
  const chance = (p: number) => random() < p;
  const delimiter = pick(['\n', '\n', '\n', '\r\n', '\r\n', '\r']);
  const columns = 1 + int(6);
  const kinds = Array.from({ length: columns }, () => pick(['number', 'number', 'number', 'text', 'mixed', 'missing'] as const));
  const fault: CsvFault = chance(0.6) ? 'none' : pick(['field-count', 'bad-quote', 'open-quote', 'bad-utf8', 'cut-utf8', 'lone-lf']);

  const digits = (n: number) => Array.from({ length: n }, () => String(int(10))).join('');
  const plainNumber = (): string => {
    const sign = pick(['', '', '', '-', '+']);
    const whole = chance(0.1) ? '' : digits(1 + int(chance(0.2) ? 18 : 6));
    const fraction = chance(0.6) ? `.${digits(int(chance(0.2) ? 20 : 6))}` : '';
    const mantissa = whole === '' && (fraction === '' || fraction === '.') ? `0${fraction}` : `${whole}${fraction}`;
    const exponent = chance(0.15) ? `${pick(['e', 'E'])}${pick(['', '+', '-'])}${int(chance(0.2) ? 400 : 25)}` : '';
    return `${sign}${mantissa}${exponent}`;
  };
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const textCell = (): string => {
    const word = pick(WORDS);
    if (chance(0.1)) return quote(`${word}, ${pick(WORDS)}`);
    if (chance(0.05)) return quote(`say "${word}"`);
    if (chance(0.05)) return quote(`${word}${pick(['\n', '\r\n', '\r'])}${pick(WORDS)}`);
    if (chance(0.05)) return quote(word);
    if (chance(0.03)) return `\uFEFF${word}`;
    return word;
  };
  const cell = (kind: (typeof kinds)[number]): string => {
    if (chance(0.08)) return pick(MISSING);
    switch (kind) {
      case 'number':
        return chance(0.9) ? plainNumber() : chance(0.5) ? pick(ODD_NUMBERS) : quote(plainNumber());
      case 'text':
        return textCell();
      case 'mixed':
        return chance(0.85) ? plainNumber() : chance(0.5) ? pick(ODD_NUMBERS) : textCell();
      case 'missing':
        return pick(MISSING);
    }
  };

  const header = Array.from({ length: columns }, (_, i) => (chance(0.1) ? quote(`col ${i}, "q"`) : chance(0.1) ? ` c${i} ` : `c${i}`));
  const lines: string[] = [];
  if (chance(0.05)) lines.push('');
  lines.push(header.join(','));
  const rows = int(40);
  const faultRow = int(Math.max(rows, 1));
  for (let r = 0; r < rows; r++) {
    if (chance(0.05)) lines.push('');
    const cells = kinds.map(cell);
    if (r === faultRow) {
      if (fault === 'field-count') {
        if (chance(0.5) || cells.length === 1) cells.push('1');
        else cells.pop();
      }
      if (fault === 'bad-quote') cells[int(columns)] = pick(['ab"c', '"ab"c', '1"']);
      if (fault === 'lone-lf' && delimiter === '\r\n') cells[int(columns)] = `x\ny`;
    }
    lines.push(cells.join(','));
  }
  let text = lines.join(delimiter) + (chance(0.7) ? delimiter : '');
  if (fault === 'open-quote') text += `"unterminated${delimiter}1`;
  let bytes = Buffer.from(chance(0.1) ? `\uFEFF${text}` : text);
  if (fault === 'bad-utf8') {
    const at = int(bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([pick([0xff, 0xc3, 0x80])]), bytes.subarray(at)]);
  }
  if (fault === 'cut-utf8') bytes = Buffer.concat([bytes, Buffer.from('é').subarray(0, 1)]);
  return { bytes, fault, chunks: randomChunks(bytes, random) };
}

function randomChunks(bytes: Buffer, random: () => number): Buffer[] {
  const style = random();
  if (style < 0.2) return [bytes];
  const maxSize = style < 0.35 ? 1 : style < 0.7 ? 7 : 64;
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const size = 1 + Math.floor(random() * maxSize);
    chunks.push(bytes.subarray(at, at + size));
    at += size;
  }
  return chunks;
}
