/**
 * A set of the profile's number keys (shortKeyOf in dataset-profile.ts: integers from 0 to 2^53) held in typed
 * arrays: a Set<number> boxes every such key above 2^31 in a heap number on each `has` and `add`, and its look-ups
 * were half the profiling of a file's first megabyte (8 columns, each counting its distinct values up to the cap).
 * Open addressing with linear probing, at most half full; the keys are kept in the order they were added, with
 * their hashes (a table grows without hashing its keys again).
 */
const TWO_32 = 2 ** 32;

export class KeySet {
  /** The keys, in the order they were added. */
  private keys: Float64Array = new Float64Array(8);
  /** hashOf(keys[i]), for each key. */
  private hashes: Int32Array = new Int32Array(8);
  /** 1 + the index in `keys` of the key hashed to a slot (0: an empty slot). */
  private slots = new Int32Array(16);
  private shift = 32 - 4; // the hash's top bits index the 16 slots
  size = 0;

  has(key: number): boolean {
    return this.indexOf(key) >= 0;
  }

  add(key: number): void {
    this.addBelow(key, Infinity);
  }

  /**
   * Adds `key` unless it is here already or the set holds `limit` keys: 1 when added, 0 when it was here, -1 when it
   * was not and there was no room. One look-up for both (a set's `has` then `add` look twice).
   */
  addBelow(key: number, limit: number): 1 | 0 | -1 {
    const mask = this.slots.length - 1;
    const hash = hashOf(key);
    let slot = hash >>> this.shift;
    for (let index = this.slots[slot]; index !== 0; index = this.slots[slot]) {
      if (this.keys[index - 1] === key) return 0;
      slot = (slot + 1) & mask;
    }
    if (this.size >= limit) return -1;
    if (this.size === this.keys.length) this.grow();
    this.keys[this.size] = key;
    this.hashes[this.size++] = hash;
    this.slots[slot] = this.size;
    if (this.size * 2 > this.slots.length) this.rehash();
    return 1;
  }

  /** The key added `index`-th (0 first). */
  keyAt(index: number): number {
    return this.keys[index];
  }

  private indexOf(key: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hashOf(key) >>> this.shift, index = this.slots[slot]; index !== 0; slot = (slot + 1) & mask, index = this.slots[slot]) {
      if (this.keys[index - 1] === key) return index - 1;
    }
    return -1;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    this.keys = keys;
    const hashes = new Int32Array(this.hashes.length * 2);
    hashes.set(this.hashes);
    this.hashes = hashes;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.shift--;
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.hashes[i] >>> this.shift;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = i + 1;
    }
  }
}

/** A multiplicative hash of the key's two 32-bit halves; its top bits pick the key's first slot. */
function hashOf(key: number): number {
  const high = Math.floor(key / TWO_32);
  const low = key - high * TWO_32;
  return Math.imul((low | 0) ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b);
}
