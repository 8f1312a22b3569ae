/**
 * Reads a plain decimal number ([+-]digits[.digits][e[+-]digits]) straight from UTF-8 bytes, giving the
 * same double as Number(text) would. Only the case where that is one correctly rounded IEEE operation is
 * taken (at most 15 significant digits and a power of ten up to 10^22, both exact in a double: Clinger's
 * fast path), and 16–19 digits through long-decimal.ts; anything else answers NaN so the caller decodes
 * the text and lets Number() decide.
 */
import { longDecimal } from './long-decimal';

/** 10^0 … 10^22: every one exactly representable as a double. */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
const MAX_DIGITS = 15;
/** Up to this many digits, long-decimal.ts settles most numbers without a string. */
const MAX_LONG_DIGITS = 19;

/**
 * Scans the longest run of bytes from `start` that a plain decimal is made of and answers its value, or
 * NaN when it is not a complete decimal within the fast path. `stop[0]` is set to where the scan ended:
 * the value stands for the whole field only if the field ends there.
 */
export function scanDecimal(bytes: Uint8Array, start: number, end: number, stop: Int32Array): number {
  let i = start;
  let negative = false;
  if (i < end) {
    const b = bytes[i];
    if (b === 45) {
      negative = true;
      i++;
    } else if (b === 43) i++;
  }
  // Digits accumulate in a small integer (cheap to multiply) for the first nine, in a double after.
  const wholeStart = i;
  let head = 0;
  let tail = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = bytes[i] - 48;
    if (d >>> 0 > 9) break;
    if (digits < 9) head = head * 10 + d;
    else tail = tail * 10 + d;
    digits++;
  }
  let exponent = 0;
  if (i < end && bytes[i] === 46) {
    const fractionStart = ++i;
    for (; i < end; i++) {
      const d = bytes[i] - 48;
      if (d >>> 0 > 9) break;
      if (digits < 9) head = head * 10 + d;
      else tail = tail * 10 + d;
      digits++;
    }
    exponent = fractionStart - i;
  }
  const mantissa = digits <= 9 ? head : head * POW10[digits - 9] + tail;
  let plain = digits > 0;
  const long = digits > MAX_DIGITS && significantDigits(bytes, wholeStart, i) > MAX_DIGITS;
  if (i < end && (bytes[i] | 32) === 101) {
    i++;
    let negativeExponent = false;
    if (i < end && (bytes[i] === 45 || bytes[i] === 43)) {
      negativeExponent = bytes[i] === 45;
      i++;
    }
    const from = i;
    let e = 0;
    for (; i < end; i++) {
      const d = bytes[i] - 48;
      if (d >>> 0 > 9) break;
      if (e < 100_000) e = e * 10 + d;
    }
    if (i === from) plain = false;
    exponent += negativeExponent ? -e : e;
  }
  stop[0] = i;
  if (!plain) return NaN;
  if (long) {
    if (digits > MAX_LONG_DIGITS) return NaN;
    const value = longDecimal(head, tail, digits, exponent);
    return negative ? -value : value;
  }
  let value: number;
  if (mantissa === 0) value = 0;
  else if (exponent === 0) value = mantissa;
  else if (exponent > 0 && exponent <= 22) value = mantissa * POW10[exponent];
  else if (exponent < 0 && exponent >= -22) value = mantissa / POW10[-exponent];
  else return NaN;
  return negative ? -value : value;
}

/** Digits from the first non-zero one (leading zeros, before or after the point, do not count). */
function significantDigits(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  while (i < to && (bytes[i] === 48 || bytes[i] === 46)) i++;
  let count = 0;
  for (; i < to; i++) if (bytes[i] !== 46) count++;
  return count;
}

const stopAt = new Int32Array(1);

/** The number in bytes [start, end), or NaN when they are not a plain decimal inside the fast path. */
export function parseDecimal(bytes: Uint8Array, start: number, end: number): number {
  const value = scanDecimal(bytes, start, end, stopAt);
  return stopAt[0] === end ? value : NaN;
}
