/**
 * Where the time of one load + preprocessing goes, phase by phase (wall and CPU milliseconds), in one
 * process — the first pass is the cold one bench/load/run.ts measures, later passes show the JIT-warm cost.
 *
 *   npx tsx bench/load/phases.ts .stack/bench-data/regression-100000x20.csv target regression [passes]
 */
import { createReadStream } from 'node:fs';
import type { ProblemType } from '@modelstream/contracts';
import { planDataset, Preprocessor, readCsvTable, splitRows } from '@modelstream/ml';

async function main(): Promise<void> {
  const [file, target, problemType, passes] = process.argv.slice(2);
  for (let i = 0; i < Number(passes ?? 1); i++) {
    const marks: string[] = [];
    let cpu = process.cpuUsage();
    let wall = performance.now();
    const mark = (name: string) => {
      const used = process.cpuUsage(cpu);
      marks.push(`${name} ${(performance.now() - wall).toFixed(0)} ms (cpu ${((used.user + used.system) / 1000).toFixed(0)})`);
      cpu = process.cpuUsage();
      wall = performance.now();
    };
    const table = await readCsvTable(createReadStream(file));
    mark('load');
    const plan = planDataset(table, target, problemType as ProblemType);
    mark('plan');
    const { train, validation } = splitRows(plan.usableRows, 0.2, 42);
    mark('split');
    const preprocessor = Preprocessor.fit(plan, target, train);
    mark('fit');
    preprocessor.encodeBuffers(plan.features, train);
    preprocessor.encodeBuffers(plan.features, validation);
    mark('encode');
    console.log(marks.join('  '));
  }
}

void main();
