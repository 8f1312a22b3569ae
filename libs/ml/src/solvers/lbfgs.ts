/**
 * L-BFGS (Nocedal & Wright, algorithms 7.4 and 7.5) with a strong-Wolfe line search (algorithms 3.5 and
 * 3.6, cubic interpolation), for smooth objectives whose value and gradient come from one async pass
 * (a pass over the rows can yield and be cancelled). Stops when the gradient's largest component is
 * below `tol` (scipy's `gtol`, which scikit-learn's lbfgs passes its `tol` to), after `maxIter`
 * iterations, or when the objective stops decreasing at float64 precision.
 */

/** Fills `grad` at `x` and returns the value, or null when cancelled. */
export type Objective = (x: Float64Array, grad: Float64Array) => Promise<number | null>;

export interface LbfgsOptions {
  maxIter: number;
  tol: number;
  /** Correction pairs kept (scipy's maxcor). */
  memory?: number;
  /** After each iteration, with the new point; true stops the solver. */
  onIteration?: (iteration: number, value: number, x: Float64Array) => Promise<boolean> | boolean;
}

export type LbfgsStop = 'gradient' | 'max-iter' | 'no-progress' | 'stopped' | 'cancelled';

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  stop: LbfgsStop;
  gradientMax: number;
}

const C1 = 1e-4;
const C2 = 0.9;
const MAX_EVALUATIONS = 40;
const EPS = 2.220446049250313e-16;

const dot = (a: Float64Array, b: Float64Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const maxAbs = (a: Float64Array): number => a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

export async function minimizeLbfgs(objective: Objective, x0: Float64Array, options: LbfgsOptions): Promise<LbfgsResult> {
  const p = x0.length;
  const m = options.memory ?? 10;
  const x = Float64Array.from(x0);
  const g = new Float64Array(p);
  const first = await objective(x, g);
  if (first === null) return { x, value: NaN, iterations: 0, stop: 'cancelled', gradientMax: NaN };
  let value = first;
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const direction = new Float64Array(p);
  const trial = { x: new Float64Array(p), g: new Float64Array(p), value: 0 };
  let gradientMax = maxAbs(g);
  let stop: LbfgsStop = 'max-iter';
  let iteration = 0;
  if (gradientMax < options.tol) return { x, value, iterations: 0, stop: 'gradient', gradientMax };
  while (iteration < options.maxIter) {
    twoLoop(g, s, y, rho, direction);
    let slope = dot(g, direction);
    if (!(slope < 0)) {
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < p; i++) direction[i] = -g[i];
      slope = dot(g, direction);
    }
    // Without curvature pairs the direction is -g: a first step of unit length in x (scipy does the same).
    const step0 = s.length ? 1 : Math.min(1, 1 / Math.sqrt(-slope));
    let found = await wolfeSearch(objective, x, value, g, direction, slope, step0, trial);
    if (found === 'failed' && s.length) {
      s.length = y.length = rho.length = 0;
      for (let i = 0; i < p; i++) direction[i] = -g[i];
      slope = dot(g, direction);
      found = await wolfeSearch(objective, x, value, g, direction, slope, Math.min(1, 1 / Math.sqrt(-slope)), trial);
    }
    if (found === 'cancelled') {
      stop = 'cancelled';
      break;
    }
    if (found === 'failed') {
      stop = 'no-progress';
      break;
    }
    iteration++;
    const sk = new Float64Array(p);
    const yk = new Float64Array(p);
    for (let i = 0; i < p; i++) {
      sk[i] = trial.x[i] - x[i];
      yk[i] = trial.g[i] - g[i];
    }
    const sy = dot(sk, yk);
    if (sy > EPS * dot(yk, yk)) {
      if (s.length === m) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
    }
    const decrease = value - trial.value;
    x.set(trial.x);
    g.set(trial.g);
    value = trial.value;
    gradientMax = maxAbs(g);
    if (await options.onIteration?.(iteration, value, x)) {
      stop = 'stopped';
      break;
    }
    if (gradientMax < options.tol) {
      stop = 'gradient';
      break;
    }
    // scipy's ftol as scikit-learn sets it: the value no longer moves at float64 precision.
    if (decrease <= 64 * EPS * Math.max(Math.abs(value), Math.abs(value + decrease), 1)) {
      stop = 'no-progress';
      break;
    }
  }
  return { x, value, iterations: iteration, stop, gradientMax };
}

/** direction = -H·g from the stored pairs, H0 = (sᵀy / yᵀy)·I from the latest pair. */
function twoLoop(g: Float64Array, s: Float64Array[], y: Float64Array[], rho: number[], out: Float64Array): void {
  for (let i = 0; i < g.length; i++) out[i] = -g[i];
  const alpha = new Array<number>(s.length);
  for (let k = s.length - 1; k >= 0; k--) {
    alpha[k] = rho[k] * dot(s[k], out);
    const yk = y[k];
    for (let i = 0; i < out.length; i++) out[i] -= alpha[k] * yk[i];
  }
  if (s.length) {
    const last = s.length - 1;
    const gamma = 1 / (rho[last] * dot(y[last], y[last]));
    for (let i = 0; i < out.length; i++) out[i] *= gamma;
  }
  for (let k = 0; k < s.length; k++) {
    const beta = rho[k] * dot(y[k], out);
    const sk = s[k];
    for (let i = 0; i < out.length; i++) out[i] += (alpha[k] - beta) * sk[i];
  }
}

interface Point {
  t: number;
  value: number;
  slope: number;
}

/**
 * A step length meeting the strong Wolfe conditions along `direction`; the point found is left in
 * `trial`. The sufficient-decrease test allows a few ulps of the value, so that close to the optimum,
 * where the decrease is below float64 resolution, steps that still shrink the gradient are taken.
 */
async function wolfeSearch(
  objective: Objective,
  x: Float64Array,
  value0: number,
  g0: Float64Array,
  direction: Float64Array,
  slope0: number,
  step0: number,
  trial: { x: Float64Array; g: Float64Array; value: number },
): Promise<'found' | 'failed' | 'cancelled'> {
  const slack = 8 * EPS * Math.abs(value0);
  let evaluations = 0;
  const evaluate = async (t: number): Promise<Point | null> => {
    evaluations++;
    for (let i = 0; i < x.length; i++) trial.x[i] = x[i] + t * direction[i];
    const v = await objective(trial.x, trial.g);
    if (v === null) return null;
    trial.value = v;
    return { t, value: v, slope: dot(trial.g, direction) };
  };
  const armijo = (q: Point): boolean => Number.isFinite(q.value) && q.value <= value0 + C1 * q.t * slope0 + slack;
  const curvature = (q: Point): boolean => Math.abs(q.slope) <= -C2 * slope0;

  let previous: Point = { t: 0, value: value0, slope: slope0 };
  let t = step0;
  let lo: Point;
  let hi: Point;
  for (;;) {
    const q = await evaluate(t);
    if (!q) return 'cancelled';
    if (!armijo(q) || (evaluations > 1 && q.value >= previous.value)) {
      lo = previous;
      hi = q;
      break;
    }
    if (curvature(q)) return 'found';
    if (q.slope >= 0) {
      lo = q;
      hi = previous;
      break;
    }
    if (evaluations >= MAX_EVALUATIONS) return 'failed';
    previous = q;
    t *= 4;
  }
  while (evaluations < MAX_EVALUATIONS) {
    const width = hi.t - lo.t;
    let next = cubicMinimizer(lo, hi);
    if (!Number.isFinite(next) || Math.abs(next - lo.t) < 0.1 * Math.abs(width) || Math.abs(hi.t - next) < 0.1 * Math.abs(width)) {
      next = lo.t + width / 2;
    }
    if (Math.abs(width) * maxAbs(direction) < EPS * (1 + maxAbs(x))) break;
    const q = await evaluate(next);
    if (!q) return 'cancelled';
    if (!armijo(q) || q.value >= lo.value) {
      hi = q;
      continue;
    }
    if (curvature(q)) return 'found';
    if (q.slope * (hi.t - lo.t) >= 0) hi = lo;
    lo = q;
  }
  // The interval collapsed: settle for the best point with sufficient decrease, if any.
  if (lo.t > 0) {
    const q = await evaluate(lo.t);
    if (!q) return 'cancelled';
    return 'found';
  }
  return 'failed';
}

/** The minimizer of the cubic matching both ends' values and slopes (NaN when it has none). */
function cubicMinimizer(a: Point, b: Point): number {
  if (!Number.isFinite(b.value) || !Number.isFinite(b.slope)) return NaN;
  const d1 = a.slope + b.slope - (3 * (a.value - b.value)) / (a.t - b.t);
  const disc = d1 * d1 - a.slope * b.slope;
  if (disc < 0) return NaN;
  const d2 = Math.sign(b.t - a.t) * Math.sqrt(disc);
  return b.t - ((b.t - a.t) * (b.slope + d2 - d1)) / (b.slope - a.slope + 2 * d2);
}
