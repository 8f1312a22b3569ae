/** Seeded randomness for reproducible splits and shuffles. */

/** mulberry32: a small, fast, well-distributed 32-bit PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates in place. */
export function shuffleInPlace<T extends { length: number; [i: number]: number }>(array: T, random: () => number): T {
  for (let i = array.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = array[i];
    array[i] = array[j];
    array[j] = t;
  }
  return array;
}

/** Splits row indices into training and validation, reproducibly for a seed. Both parts are non-empty. */
export function splitRows(rows: Int32Array, validationFraction: number, seed: number): { train: Int32Array; validation: Int32Array } {
  const shuffled = shuffleInPlace(Int32Array.from(rows), seededRandom(seed));
  const nVal = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * validationFraction)));
  return { validation: shuffled.slice(0, nVal).sort(), train: shuffled.slice(nVal).sort() };
}
