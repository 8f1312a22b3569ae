/**
 * Log-loss of linear scores, in float64 and without overflow: the sum over a block of rows, the scores
 * turned in place into the residuals (predicted probability minus indicator) the gradient needs.
 */

/** Sum of log(1 + e^z) - y·z over the block; z becomes sigmoid(z) - y. One exp of -|z| each, no overflow. */
export function binaryResiduals(y: Float32Array, start: number, end: number, z: Float64Array): number {
  let loss = 0;
  for (let i = start; i < end; i++) {
    const s = z[i - start];
    const label = y[i];
    const e = Math.exp(-Math.abs(s));
    loss += (s > 0 ? s : 0) + Math.log1p(e) - label * s;
    z[i - start] = (s >= 0 ? 1 : e) / (1 + e) - label;
  }
  return loss;
}

/** Sum of logsumexp(z) - z_y over the block; z becomes softmax(z) - onehot(y). */
export function softmaxResiduals(y: Float32Array, start: number, end: number, k: number, z: Float64Array): number {
  let loss = 0;
  for (let i = start; i < end; i++) {
    const o = (i - start) * k;
    let best = 0;
    for (let c = 1; c < k; c++) if (z[o + c] > z[o + best]) best = c;
    const top = z[o + best];
    const label = y[i] | 0;
    const margin = z[o + label] - top;
    let sum = 1;
    for (let c = 0; c < k; c++) {
      if (c === best) continue;
      const e = Math.exp(z[o + c] - top);
      z[o + c] = e;
      sum += e;
    }
    z[o + best] = 1;
    loss += Math.log(sum) - margin;
    const inverse = 1 / sum;
    for (let c = 0; c < k; c++) z[o + c] *= inverse;
    z[o + label] -= 1;
  }
  return loss;
}
