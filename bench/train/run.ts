/**
 * Training bench: time to quality of every model family on our stack next to scikit-learn and (for the
 * networks) Keras 3 on JAX, on the same generated 100k × 20 tables and a real-shaped mixed table, each
 * side in a fresh process per family (so peak RSS is the family's). See README.md here.
 *
 *   npx tsx bench/train/run.ts [--rows 100000] [--families a,b] [--datasets synthetic,mixed] [--seeds 3] …
 *   npx tsx bench/train/run.ts --rows 1000000        # every family under 2 GB peak RSS (ours)
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { getModelSpec, type HyperParams, type ModelType } from '@modelstream/contracts';
import { dataFile, type DatasetName, ensureData } from './datasets';
import { type BenchOptions, LARGE_ROWS, parseOptions, USAGE } from './options';
import { metricOf } from './quality';
import { type Comparison, compare, formatComparison, loadingMarkdown, summaryMarkdown } from './report';
import { runSide, type SideJob, type SideName, type SideReport } from './sides';

const root = join(__dirname, '..', '..');
const python = join(root, '.stack', 'bench-venv', 'bin', 'python');
const RSS_LIMIT_MB = 2048;

/** The hyperparameters the bench sets over the registry's defaults (every side gets the merged values). */
function overrides(family: ModelType, options: BenchOptions): HyperParams {
  return options.epochs !== null && family.startsWith('mlp_') ? { epochs: options.epochs } : {};
}

/** A side's process timeout: start-up and loading, then each seed's capped fit with room for a fit that cannot stop early. */
function sideTimeoutMs(job: SideJob, rows: number): number {
  return (60 + (rows / 100_000) * 15 + job.seeds.length * (job.capSeconds * 1.5 + 30)) * 1000;
}

function sidesFor(family: ModelType, options: BenchOptions, notes: Set<string>): SideName[] {
  const wanted = options.sides.filter((s) => s !== 'keras' || family.startsWith('mlp_'));
  if (existsSync(python)) return wanted;
  if (wanted.some((s) => s !== 'ours')) notes.add('no .stack/bench-venv: the Python peers were left out (bash bench/train/setup-venv.sh)');
  return wanted.filter((s) => s === 'ours');
}

function runComparison(
  family: ModelType,
  dataset: DatasetName,
  options: BenchOptions,
  deadline: number,
  notes: Set<string>,
): Comparison | null {
  const spec = getModelSpec(family);
  const file = dataFile(join(root, '.stack', 'bench-data'), dataset, spec.problemType, options.rows, options.features);
  const params = overrides(family, options);
  const job: SideJob = {
    family,
    file,
    params,
    seeds: family.startsWith('random_forest_') ? options.forestSeeds : options.seeds,
    capSeconds: options.capSeconds,
    patience: options.patience,
    repeats: family.startsWith('mlp_') || family.startsWith('random_forest_') ? 1 : options.repeats,
  };
  const reports: SideReport[] = [];
  // scikit-learn first: its converged metric sets the target (the traces are scored afterwards, so the order is only for reading).
  const order = (['sklearn', 'ours', 'keras'] as const).filter((s) => sidesFor(family, options, notes).includes(s));
  for (const name of order) {
    const left = deadline - Date.now();
    if (left < 20_000) {
      notes.add(`the --max-seconds budget ran out: ${family} on ${dataset} (${name} and after) not run`);
      break;
    }
    reports.push(
      runSide(name, job, { root, python, mergedParams: { ...spec.defaults, ...params } }, Math.min(left, sideTimeoutMs(job, options.rows))),
    );
  }
  return reports.length ? compare(family, dataset, metricOf(spec.problemType), reports) : null;
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv.includes('--help')) return void console.log(USAGE);
  let options: BenchOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const started = Date.now();
  const deadline = started + options.maxSeconds * 1000;
  ensureData(join(root, '.stack', 'bench-data'), options.datasets, options.rows, options.features);
  console.log(
    `bench/train ${new Date().toISOString()}: ${options.rows.toLocaleString('en-US')} rows (80/20 split), datasets ${options.datasets.join(', ')}; ` +
      `sides ${options.sides.join(', ')}; seeds ${options.seeds.length} (forests ${options.forestSeeds.length}); ` +
      `networks stop on a ${options.patience}-epoch plateau (0 = off); fits capped at ${options.capSeconds} s, the run at ${options.maxSeconds} s`,
  );
  console.log(
    `machine: ${cpus().length} CPUs, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (shared: compare ratios from one run)\n`,
  );
  const notes = new Set<string>();
  const comparisons: Comparison[] = [];
  const skipped: { family: ModelType; dataset: DatasetName }[] = [];
  for (const family of options.families) {
    for (const dataset of options.datasets) {
      const comparison = runComparison(family, dataset, options, deadline, notes);
      const complete =
        comparison && comparison.sides.length === sidesFor(family, options, notes).length && comparison.sides.every((s) => s.runs.length);
      if (!complete) skipped.push({ family, dataset });
      if (!comparison) continue;
      comparisons.push(comparison);
      console.log(`${formatComparison(comparison, options.rows)}\n`);
    }
  }
  console.log('## Time to quality, fit, quality, memory (medians over seeds)\n');
  console.log(`${summaryMarkdown(comparisons)}\n`);
  console.log('## CSV load + preprocessing\n');
  console.log(`${loadingMarkdown(comparisons)}\n`);
  if (options.rows >= LARGE_ROWS) console.log(`${memoryCheck(comparisons)}\n`);
  for (const note of notes) console.log(`note: ${note}`);
  const cut = [...new Set(skipped.map((s) => s.family))];
  if (cut.length) {
    console.log(
      `run what was cut short on its own: npx tsx bench/train/run.ts --families ${cut.join(',')} --datasets ${[...new Set(skipped.map((s) => s.dataset))].join(',')}`,
    );
  }
  console.log(`total ${Math.round((Date.now() - started) / 1000)} s; load average now ${loadavg()[0].toFixed(1)}`);
  if (options.json) {
    mkdirSync(dirname(options.json), { recursive: true });
    writeFileSync(options.json, JSON.stringify({ options, comparisons }, null, 2));
  }
}

/** The large-table mode's check: our side's peak RSS per family against 2 GB. */
function memoryCheck(comparisons: Comparison[]): string {
  const lines = [
    '## Peak RSS of our load → fit path',
    '',
    '| family | data | peak RSS MB (base) | under 2 GB | fit s | fit ended by |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of comparisons) {
    const ours = c.sides.find((s) => s.name === 'ours');
    const rss = ours?.result?.peakRssMb;
    const verdict = rss === undefined ? `no result (${ours?.error ?? 'not run'})` : rss < RSS_LIMIT_MB ? 'yes' : '**no**';
    const run = ours?.runs[0];
    const base = ours?.result ? ` (${Math.round(ours.result.baselineRssMb)})` : '';
    lines.push(
      `| ${c.family} | ${c.dataset} | ${rss === undefined ? '—' : Math.round(rss)}${base} | ${verdict} | ${run ? run.fitSeconds.toFixed(1) : '—'} | ${run?.stopped ?? '—'} |`,
    );
  }
  return lines.join('\n');
}

main();
