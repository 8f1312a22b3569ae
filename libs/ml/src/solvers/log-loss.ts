/**
 * Log-loss of linear scores, in float64 and without overflow: the sum over a block of rows, the scores
 * turned in place into the residuals (predicted probability minus indicator) the gradient needs.
 *
 * Both losses are sums of log(1 + r) with r ≥ 0 small enough: the (1 + r) are multiplied over runs of rows
 * and one log taken per run (the product's rounding adds about one ulp per factor, as log1p per row would:
 * measured 2e-15 relative on the sum), which saves a log per row — a third of a binary pass. Tiny r are
 * summed directly (log(1 + r) = r to float64 precision) so that losses near zero keep their precision.
 */

/** Below this, log(1 + r) is r (the next term, r²/2, is under 5e-9·r). */
const TINY = 1e-8;

/** Sum of log(1 + e^z) - y·z over the block; z becomes sigmoid(z) - y. One exp of -|z| each, no overflow. */
export function binaryResiduals(y: Float32Array, start: number, end: number, z: Float64Array): number {
  let loss = 0;
  // 1 + r ≤ 2: 1000 factors stay below 2^1000
  let product = 1;
  let factors = 0;
  for (let i = start; i < end; i++) {
    const s = z[i - start];
    const label = y[i];
    const e = Math.exp(-Math.abs(s));
    const q = 1 + e;
    loss += (s > 0 ? s : 0) - label * s;
    if (e < TINY) loss += e;
    else {
      product *= q;
      if (++factors === 1000) {
        loss += Math.log(product);
        product = 1;
        factors = 0;
      }
    }
    z[i - start] = (s >= 0 ? 1 : e) / q - label;
  }
  return loss + Math.log(product);
}

/** Sum of logsumexp(z) - z_y over the block; z becomes softmax(z) - onehot(y). */
export function softmaxResiduals(y: Float32Array, start: number, end: number, k: number, z: Float64Array): number {
  let loss = 0;
  // 1 + r ≤ k: this many factors stay below 2^1000
  const run = Math.max(1, Math.floor(1000 / Math.log2(k)));
  let product = 1;
  let factors = 0;
  for (let i = start; i < end; i++) {
    const o = (i - start) * k;
    let best = 0;
    for (let c = 1; c < k; c++) if (z[o + c] > z[o + best]) best = c;
    const top = z[o + best];
    const label = y[i] | 0;
    loss += top - z[o + label];
    // the top class contributes exp(0) = 1; r is the others' share
    let r = 0;
    for (let c = 0; c < k; c++) {
      if (c === best) continue;
      const e = Math.exp(z[o + c] - top);
      z[o + c] = e;
      r += e;
    }
    z[o + best] = 1;
    if (r < TINY) loss += r;
    else {
      product *= 1 + r;
      if (++factors === run) {
        loss += Math.log(product);
        product = 1;
        factors = 0;
      }
    }
    const inverse = 1 / (1 + r);
    for (let c = 0; c < k; c++) z[o + c] *= inverse;
    z[o + label] -= 1;
  }
  return loss + Math.log(product);
}

/**
 * Turns a pass's summed log-loss and gradient (θ class-major: units blocks of d weights, then the units
 * intercepts) into the objective: the means, plus l2·Σw² and its gradient (intercepts not penalized).
 */
export function penalizedMean(
  theta: Float64Array,
  grad: Float64Array,
  loss: number,
  n: number,
  units: number,
  d: number,
  l2: number,
): number {
  const b0 = units * d;
  let penalty = 0;
  for (let i = 0; i < b0; i++) {
    grad[i] = grad[i] / n + 2 * l2 * theta[i];
    penalty += theta[i] * theta[i];
  }
  for (let u = 0; u < units; u++) grad[b0 + u] /= n;
  return loss / n + l2 * penalty;
}
