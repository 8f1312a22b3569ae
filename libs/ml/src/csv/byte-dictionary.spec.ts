import { ABSENT, ByteDictionary } from './byte-dictionary';

const bytes = (text: string) => Buffer.from(text);

describe('ByteDictionary', () => {
  it('finds what was stored for the same bytes, wherever they sit, through growth and collisions', () => {
    const dictionary = new ByteDictionary();
    const words = Array.from({ length: 1000 }, (_, i) => `level-${i}-é`);
    words.forEach((w, i) => {
      const b = bytes(w);
      dictionary.set(b, 0, b.length, ByteDictionary.hash(b, 0, b.length), i);
    });
    words.forEach((w, i) => {
      const line = bytes(`x,${w},y`);
      const from = 2;
      const to = from + Buffer.byteLength(w);
      expect(dictionary.get(line, from, to, ByteDictionary.hash(line, from, to))).toBe(i);
    });
    const other = bytes('level-1-e');
    expect(dictionary.get(other, 0, other.length, ByteDictionary.hash(other, 0, other.length))).toBe(ABSENT);
  });

  it('stops remembering past its limit (a free-text column)', () => {
    const dictionary = new ByteDictionary(10);
    for (let i = 0; i < 11; i++) {
      const b = bytes(`t${i}`);
      dictionary.set(b, 0, b.length, ByteDictionary.hash(b, 0, b.length), i);
    }
    expect(dictionary.enabled).toBe(false);
  });
});
