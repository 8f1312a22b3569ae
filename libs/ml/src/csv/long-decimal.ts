/**
 * Correct rounding of a decimal with 16 to 19 digits (what float64 data written at full precision looks
 * like: "0.30000000000000004", "-1.6850406003708773") times a power of ten up to 10^±22, without a
 * string: the digits are held exactly as a double-double (two doubles whose sum is the integer), scaled
 * with error-free products (Dekker), and the result is taken only when the leftover error cannot move
 * it across a rounding boundary; otherwise NaN, and the caller lets Number() decide (about one number in
 * 2^45, and every exact tie).
 */

/** 10^0 … 10^22: every one exactly representable as a double. */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const SPLITTER = 134217729; // 2^27 + 1
/** A bound on the relative error of the double-double result (the arithmetic below stays near 2^-104). */
const ERROR = 2 ** -100;

const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
// The product's low part, returned beside the high one (kept out of an allocated pair on the hot path).
let low = 0;

/** a·b = result + low exactly (Dekker's product with Veltkamp's split; no overflow in our range). */
function twoProduct(a: number, b: number): number {
  const p = a * b;
  let c = SPLITTER * a;
  const ah = c - (c - a);
  const al = a - ah;
  c = SPLITTER * b;
  const bh = c - (c - b);
  const bl = b - bh;
  low = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

/**
 * The double nearest to (head·10^(digits-9) + tail)·10^exponent, where head holds the first nine digits
 * and tail the rest (digits 16–19), or NaN when that cannot be settled here.
 */
export function longDecimal(head: number, tail: number, digits: number, exponent: number): number {
  if (exponent < -22 || exponent > 22) return NaN;
  // The integer M = head·10^k + tail, exactly, as mh + ml.
  const ph = twoProduct(head, POW10[digits - 9]);
  const pl = low;
  const s = ph + tail;
  const bb = s - ph;
  const sumError = ph - (s - bb) + (tail - bb);
  const rest = sumError + pl; // two small integers: exact
  const mh = s + rest;
  const ml = rest - (mh - s);
  let qh: number;
  let ql: number;
  if (exponent >= 0) {
    const scale = POW10[exponent];
    const th = twoProduct(mh, scale);
    const tl = low + ml * scale;
    qh = th + tl;
    ql = tl - (qh - th);
  } else {
    const scale = POW10[-exponent];
    const q1 = mh / scale;
    const th = twoProduct(q1, scale);
    const remainder = mh - th - low + ml; // mh - th is exact (Sterbenz): the remainder is small
    const q2 = remainder / scale;
    qh = q1 + q2;
    ql = q2 - (qh - q1);
  }
  // qh is the answer when the exact value, within ERROR of qh + ql, lies inside qh's rounding interval.
  bits[0] = qh;
  const exponentBits = (words[1] >>> 20) & 0x7ff;
  const powerOfTwo = (words[1] & 0xfffff) === 0 && words[0] === 0;
  words[1] = (exponentBits - 52) << 20;
  words[0] = 0;
  const ulp = bits[0];
  const slack = qh * ERROR;
  if (ql >= 0 ? ql + slack < ulp / 2 : -ql + slack < (powerOfTwo ? ulp / 4 : ulp / 2)) return qh;
  return NaN;
}
