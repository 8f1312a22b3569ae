/**
 * The CSVs bench/load reads, generated once under .stack/bench-data/ (seeded, so every run reads the same
 * bytes): the all-numeric table bench/train trains on (libs/ml/src/synthetic-data.ts, 20 features + a
 * numeric target) and a mixed table shaped like a real export — numbers with missing cells ('' and NA),
 * integers, categoricals of a few to a few dozen levels, one of them with commas in some values (quoted,
 * as pandas and spreadsheets write them), and a yes/no target; and the numeric shape again with every
 * number at full float64 precision (up to 17 digits), as `DataFrame.to_csv` writes doubles.
 */
import { createWriteStream, existsSync, renameSync } from 'node:fs';
import { once } from 'node:events';
import { gaussian, seededRandom, syntheticDataset } from '@modelstream/ml';

export type TableKind = 'numeric' | 'mixed' | 'float64';

export const TARGETS: Record<TableKind, { target: string; problemType: 'regression' | 'classification' }> = {
  numeric: { target: 'target', problemType: 'regression' },
  mixed: { target: 'label', problemType: 'classification' },
  float64: { target: 'target', problemType: 'regression' },
};

const CITIES = [
  'Springfield, IL',
  'Portland',
  'Austin',
  'Boston',
  'Denver',
  'Columbus, OH',
  'Madison',
  'Salem',
  'Dover',
  'Albany',
  'Phoenix',
  'Raleigh',
  'Richmond',
  'Lincoln',
  'Helena',
  'Boise',
  'Juneau',
  'Trenton',
  'Topeka',
  'Jackson, MS',
];
const CHANNELS = ['web', 'store', 'phone', 'partner', 'email', 'social', 'event', 'other'];
const PLANS = ['free', 'basic', 'pro', 'enterprise'];
const SEGMENTS = ['consumer', 'smb', 'mid-market', 'public', 'education'];
const COLORS = ['red', 'green', 'blue'];

function mixedHeader(): string {
  const numeric = Array.from({ length: 10 }, (_, i) => `n${i}`);
  return [...numeric, 'age', 'score', 'color', 'city', 'segment', 'plan', 'channel', 'flag', 'visits', 'label'].join(',');
}

/** Writes `rows` lines of the mixed table in blocks, so a million rows never sit in memory as one string. */
async function writeMixed(path: string, rows: number, seed: number): Promise<void> {
  const random = seededRandom(seed);
  const normal = gaussian(random);
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
  const out = createWriteStream(path);
  let block: string[] = [mixedHeader()];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: 10 }, () => normal());
    const cells = x.map((v, i) => (i < 5 && random() < 0.05 ? (random() < 0.5 ? '' : 'NA') : v.toFixed(4)));
    const age = 18 + Math.floor(random() * 70);
    const color = pick(COLORS);
    const city = pick(CITIES);
    const plan = pick(PLANS);
    const lin = x[0] - x[1] + 0.5 * x[2] + (age - 50) / 30 + (color === 'red' ? 1 : color === 'blue' ? -1 : 0) + PLANS.indexOf(plan) * 0.3;
    cells.push(
      String(age),
      (random() * 100).toFixed(2),
      color,
      city.includes(',') ? `"${city}"` : city,
      random() < 0.03 ? '' : pick(SEGMENTS),
      plan,
      pick(CHANNELS),
      random() < 0.5 ? 'true' : 'false',
      String(Math.floor(-Math.log(1 - random()) * 5)),
      lin + 0.5 * normal() > 0 ? 'yes' : 'no',
    );
    block.push(cells.join(','));
    if (block.length >= 10_000) {
      if (!out.write(`${block.join('\n')}\n`)) await once(out, 'drain');
      block = [];
    }
  }
  out.end(block.length ? `${block.join('\n')}\n` : '');
  await once(out, 'finish');
}

/** The numeric table of bench/train (same generator and options), written in blocks of 100k rows. */
async function writeNumeric(path: string, rows: number, features: number): Promise<void> {
  const out = createWriteStream(path);
  for (let start = 0, block = 0; start < rows; start += 100_000, block++) {
    const n = Math.min(100_000, rows - start);
    const { csv } = syntheticDataset({ relation: 'linear-regression', rows: n, features, seed: 1 + block, noise: 0.5 });
    const text = start === 0 ? csv : csv.slice(csv.indexOf('\n') + 1);
    if (!out.write(text)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

/** 20 standard-normal features and a linear target, every number as its shortest round-trip text. */
async function writeFloat64(path: string, rows: number, features: number): Promise<void> {
  const normal = gaussian(seededRandom(5));
  const out = createWriteStream(path);
  let block: string[] = [[...Array.from({ length: features }, (_, i) => `x${i}`), 'target'].join(',')];
  for (let r = 0; r < rows; r++) {
    const x = Array.from({ length: features }, () => normal());
    block.push([...x, x.reduce((s, v, i) => s + (i % 2 ? -v : v), 0) + normal()].map(String).join(','));
    if (block.length >= 10_000) {
      if (!out.write(`${block.join('\n')}\n`)) await once(out, 'drain');
      block = [];
    }
  }
  out.end(block.length ? `${block.join('\n')}\n` : '');
  await once(out, 'finish');
}

/** Generates the file if it is not there yet (written aside, then renamed, so a killed run leaves no half file). */
export async function ensureTable(path: string, kind: TableKind, rows: number, features: number): Promise<void> {
  if (existsSync(path)) return;
  const partial = `${path}.partial`;
  if (kind === 'numeric') await writeNumeric(partial, rows, features);
  else if (kind === 'float64') await writeFloat64(partial, rows, features);
  else await writeMixed(partial, rows, 11);
  renameSync(partial, path);
}
