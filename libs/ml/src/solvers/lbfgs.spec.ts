import { minimizeLbfgs, Objective } from './lbfgs';

/** f(x) = Σ c_i (x_i - t_i)², badly scaled on purpose. */
const quadratic =
  (scales: number[], target: number[]): Objective =>
  async (x, grad) => {
    let f = 0;
    scales.forEach((c, i) => {
      f += c * (x[i] - target[i]) ** 2;
      grad[i] = 2 * c * (x[i] - target[i]);
    });
    return f;
  };

const rosenbrock: Objective = async (x, grad) => {
  const [a, b] = [x[0], x[1]];
  grad[0] = -2 * (1 - a) - 400 * a * (b - a * a);
  grad[1] = 200 * (b - a * a);
  return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
};

describe('minimizeLbfgs', () => {
  it('reaches the minimum of an ill-conditioned quadratic to the gradient tolerance', async () => {
    const target = [1, -2, 3, 0.5];
    const result = await minimizeLbfgs(quadratic([1, 100, 0.01, 10], target), new Float64Array(4), { maxIter: 100, tol: 1e-10 });
    expect(result.stop).toBe('gradient');
    expect(result.gradientMax).toBeLessThan(1e-10);
    result.x.forEach((v, i) => expect(v).toBeCloseTo(target[i], 8));
  });

  it('follows the Rosenbrock valley to (1, 1)', async () => {
    const result = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 200, tol: 1e-8 });
    expect(result.x[0]).toBeCloseTo(1, 6);
    expect(result.x[1]).toBeCloseTo(1, 6);
    expect(result.iterations).toBeLessThan(100);
  });

  it('reports each iteration, stops when asked, and stops at maxIter', async () => {
    const seen: number[] = [];
    const stopped = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), {
      maxIter: 200,
      tol: 1e-12,
      onIteration: (iteration) => {
        seen.push(iteration);
        return iteration === 3;
      },
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(stopped.stop).toBe('stopped');
    const capped = await minimizeLbfgs(rosenbrock, Float64Array.of(-1.2, 1), { maxIter: 5, tol: 1e-12 });
    expect(capped).toMatchObject({ iterations: 5, stop: 'max-iter' });
  });

  it('returns at once when the objective is cancelled', async () => {
    let calls = 0;
    const result = await minimizeLbfgs(async (x, grad) => (++calls > 3 ? null : rosenbrock(x, grad)), Float64Array.of(-1.2, 1), {
      maxIter: 100,
      tol: 1e-12,
    });
    expect(result.stop).toBe('cancelled');
    expect(calls).toBe(4);
  });
});
