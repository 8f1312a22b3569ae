/**
 * The CPU cost per MiB of what the ingest app does to each chunk's bytes on its inspection thread
 * (chunk-inspection.ts): the shape scan, the running sha256 and the incremental dataset profile — beside what the
 * same file costs csv-parse (profileCsv, what the last chunk did before the profile was built incrementally) and
 * a plain copy of the bytes, as a floor. One thread, no stack needed.
 *
 *   npx tsx --tsconfig tsconfig.json bench/ingest/inspection.ts [--size-mb 25] [--rounds 5]
 */
import { createHash } from 'node:crypto';
import { CsvProfiler, CsvShapeScanner, CsvShapeState, profileCsv } from '@modelstream/ingest-ops';
import { makeCsv, MiB, percentile } from './upload-client';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const SIZE_MB = Number(args.get('size-mb') ?? 25);
const ROUNDS = Number(args.get('rounds') ?? 5);

const csv = makeCsv(SIZE_MB * MiB);
const chunks = Array.from({ length: Math.ceil(csv.length / MiB) }, (_, i) => csv.subarray(i * MiB, (i + 1) * MiB));
const mib = csv.length / MiB;

const stages: Record<string, () => unknown> = {
  copy: () => chunks.map((c) => new Uint8Array(c)),
  sha256: () => chunks.reduce((h, c) => h.update(c), createHash('sha256')).digest(),
  scan: () =>
    chunks.reduce<CsvShapeState | undefined>((state, c) => {
      const scanner = new CsvShapeScanner(state);
      scanner.scan(c);
      return scanner.snapshot();
    }, undefined),
  profile: () => {
    const profiler = new CsvProfiler(0);
    for (const c of chunks) profiler.feed(c);
    return profiler.finish();
  },
  'csv-parse': () => profileCsv(chunks),
};

async function main(): Promise<void> {
  process.stdout.write(`inspection bench: ${mib.toFixed(1)} MiB CSV in 1 MiB chunks, ${ROUNDS} rounds; ms per MiB (p50, best)\n`);
  const perMiB: Record<string, number> = {};
  for (const [name, run] of Object.entries(stages)) {
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const started = performance.now();
      await run();
      times.push((performance.now() - started) / mib);
    }
    perMiB[name] = percentile(times, 50);
    process.stdout.write(`  ${name.padEnd(10)} ${perMiB[name].toFixed(2)} ms/MiB  (best ${Math.min(...times).toFixed(2)})\n`);
  }
  const chunkWork = perMiB.scan + perMiB.sha256 + perMiB.profile;
  process.stdout.write(
    `  a chunk's inspection (scan + sha256 + profile): ${chunkWork.toFixed(2)} ms/MiB, ${(chunkWork / perMiB.copy).toFixed(1)}× a copy, ` +
      `${(perMiB['csv-parse'] / (perMiB.sha256 + perMiB.profile)).toFixed(1)}× faster than csv-parse's profile\n`,
  );
}

void main();
