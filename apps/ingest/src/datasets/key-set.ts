/**
 * A set of the profile's number keys (shortKeyOf in dataset-profile.ts: integers from 0 to 2^53) held in typed
 * arrays: a Set<number> boxes every such key above 2^31 in a heap number on each `has` and `add`, and its look-ups
 * were half the profiling of a file's first megabyte (8 columns, each counting its distinct values up to the cap).
 * Open addressing with linear probing, at most half full; the keys are kept in the order they were added.
 */
const TWO_32 = 2 ** 32;

export class KeySet {
  /** The keys, in the order they were added. */
  private keys: Float64Array = new Float64Array(8);
  /** 1 + the index in `keys` of the key hashed to a slot (0: an empty slot). */
  private slots = new Int32Array(16);
  private shift = 32 - 4; // the hash's top bits index the 16 slots
  size = 0;

  has(key: number): boolean {
    return this.indexOf(key) >= 0;
  }

  add(key: number): void {
    const mask = this.slots.length - 1;
    let slot = this.slotOf(key);
    for (let index = this.slots[slot]; index !== 0; index = this.slots[slot]) {
      if (this.keys[index - 1] === key) return;
      slot = (slot + 1) & mask;
    }
    if (this.size === this.keys.length) this.keys = grown(this.keys);
    this.keys[this.size++] = key;
    this.slots[slot] = this.size;
    if (this.size * 2 > this.slots.length) this.rehash();
  }

  /** The key added `index`-th (0 first). */
  keyAt(index: number): number {
    return this.keys[index];
  }

  private indexOf(key: number): number {
    const mask = this.slots.length - 1;
    for (let slot = this.slotOf(key), index = this.slots[slot]; index !== 0; slot = (slot + 1) & mask, index = this.slots[slot]) {
      if (this.keys[index - 1] === key) return index - 1;
    }
    return -1;
  }

  /** The key's first slot: a multiplicative hash of its two 32-bit halves, its top bits. */
  private slotOf(key: number): number {
    const high = Math.floor(key / TWO_32);
    const low = key - high * TWO_32;
    return Math.imul((low | 0) ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b) >>> this.shift;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    this.shift--;
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.slotOf(this.keys[i]);
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = i + 1;
    }
  }
}

function grown(keys: Float64Array): Float64Array {
  const more = new Float64Array(keys.length * 2);
  more.set(keys);
  return more;
}
