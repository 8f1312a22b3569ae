/**
 * How close the exact solvers come to scikit-learn on the checked-in reference cases
 * (libs/ml/src/solvers/fixtures/sklearn-reference.json, written by reference.py): the worst relative
 * error over the coefficients (intercepts near zero taken absolutely), at a tight and at the default tol.
 *
 *   npx tsx bench/solvers/precision.ts
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { solveLinear, type LinearSolveOptions } from '@modelstream/ml';

interface ReferenceCase {
  name: string;
  design: string;
  kind: LinearSolveOptions['kind'];
  alpha?: number;
  l2?: number;
  classes?: number;
  y: number[];
  coef: number[][];
  intercept: number[];
  iterations?: number;
}

const file = join(__dirname, '../../libs/ml/src/solvers/fixtures/sklearn-reference.json');
const reference = JSON.parse(readFileSync(file, 'utf8')) as {
  designs: Record<string, { columns: number; x: number[] }>;
  cases: ReferenceCase[];
};

const worst = (ours: ArrayLike<number>, theirs: number[]): number =>
  theirs.reduce((m, t, i) => Math.max(m, Math.abs(ours[i] - t) / Math.max(Math.abs(t), 1e-3)), 0);

async function main(): Promise<void> {
  console.log('case                                         tol     iterations (sklearn)  coefficients  intercepts');
  for (const c of reference.cases) {
    const design = reference.designs[c.design];
    const x = Float32Array.from(design.x);
    const y = Float32Array.from(c.y);
    for (const tol of c.kind === 'logistic' ? [1e-10, 1e-8, 1e-6] : [1e-6]) {
      const solution = await solveLinear(
        {
          inputDim: design.columns,
          xTrain: x,
          yTrain: y,
          xVal: x,
          yVal: y,
          problemType: c.kind === 'logistic' ? 'classification' : 'regression',
          classes: c.classes,
        },
        { kind: c.kind, alpha: c.alpha, l2: c.l2, maxIter: 1000, tol },
      );
      console.log(
        [
          c.name.padEnd(44),
          tol.toExponential(0).padEnd(7),
          `${solution.outcome.epochsRun} (${c.iterations ?? '-'})`.padEnd(21),
          worst(solution.kernel, c.coef.flat()).toExponential(1).padEnd(13),
          worst(solution.bias, c.intercept).toExponential(1),
        ].join(' '),
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
