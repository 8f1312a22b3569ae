/**
 * Remembers what the raw bytes of a text column's cells came to (a level's code, or -1 for a missing
 * marker), so a category seen before is stored without decoding a string: a hash of the bytes, then a
 * byte comparison. A column with more distinct cells than `limit` (free text, identifiers) stops being
 * remembered, since nearly every lookup would miss.
 */

export const ABSENT = -2;

export class ByteDictionary {
  private slots = new Int32Array(64); // entry index + 1, 0 = empty
  private starts = new Int32Array(32);
  private lengths = new Int32Array(32);
  private values = new Int32Array(32);
  private keys = new Uint8Array(1024);
  private used = 0;
  private count = 0;
  enabled = true;

  constructor(private readonly limit = 4096) {}

  /** FNV-1a over the bytes [from, to). */
  static hash(bytes: Uint8Array, from: number, to: number): number {
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
    return h >>> 0;
  }

  /** The value stored for these bytes, or ABSENT. */
  get(bytes: Uint8Array, from: number, to: number, hash: number): number {
    const mask = this.slots.length - 1;
    const length = to - from;
    for (let s = hash & mask; ; s = (s + 1) & mask) {
      const entry = this.slots[s] - 1;
      if (entry < 0) return ABSENT;
      if (this.lengths[entry] !== length) continue;
      const start = this.starts[entry];
      let i = 0;
      while (i < length && this.keys[start + i] === bytes[from + i]) i++;
      if (i === length) return this.values[entry];
    }
  }

  set(bytes: Uint8Array, from: number, to: number, hash: number, value: number): void {
    if (this.count >= this.limit) {
      this.enabled = false;
      return;
    }
    const length = to - from;
    if (this.used + length > this.keys.length)
      this.keys = grown(this.keys, new Uint8Array(Math.max(this.keys.length * 2, this.used + length)));
    if (this.count === this.starts.length) {
      this.starts = grown(this.starts, new Int32Array(this.count * 2));
      this.lengths = grown(this.lengths, new Int32Array(this.count * 2));
      this.values = grown(this.values, new Int32Array(this.count * 2));
    }
    this.keys.set(bytes.subarray(from, to), this.used);
    this.starts[this.count] = this.used;
    this.lengths[this.count] = length;
    this.values[this.count] = value;
    this.used += length;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.place(this.count - 1, hash);
  }

  private place(entry: number, hash: number): void {
    const mask = this.slots.length - 1;
    let s = hash & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = entry + 1;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let e = 0; e < this.count; e++) {
      const start = this.starts[e];
      this.place(e, ByteDictionary.hash(this.keys, start, start + this.lengths[e]));
    }
  }
}

function grown<T extends Uint8Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
