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

/** Splits row indices into training and validation, reproducibly for a seed, each part in the order of `rows` (ascending rows give sorted parts). Both parts are non-empty. */
export function splitRows(rows: Int32Array, validationFraction: number, seed: number): { train: Int32Array; validation: Int32Array } {
  const shuffled = shuffleInPlace(
    Int32Array.from({ length: rows.length }, (_, i) => i),
    seededRandom(seed),
  );
  const nVal = Math.min(rows.length - 1, Math.max(1, Math.round(rows.length * validationFraction)));
  // Both parts in the rows' order: the first nVal shuffled positions are marked, then one pass collects
  // each part (no sort). Positions, not row numbers, are shuffled: the same split as shuffling the rows.
  const inValidation = new Uint8Array(rows.length);
  for (let i = 0; i < nVal; i++) inValidation[shuffled[i]] = 1;
  const validation = new Int32Array(nVal);
  const train = new Int32Array(rows.length - nVal);
  for (let i = 0, v = 0, t = 0; i < rows.length; i++) {
    if (inValidation[i]) validation[v++] = rows[i];
    else train[t++] = rows[i];
  }
  return { validation, train };
}
