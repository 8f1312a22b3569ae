import { seededRandom } from '../split';
import { parseDecimal, scanDecimal } from './decimal-bytes';

/** What the reader stores for a field: the fast value, or Number() of the text when the fast path declines. */
function read(text: string): number {
  const bytes = Buffer.from(text);
  const fast = parseDecimal(bytes, 0, bytes.length);
  return Number.isNaN(fast) ? Number(text) : fast;
}

function randomDecimal(random: () => number): string {
  const int = (n: number) => Math.floor(random() * n);
  const digits = (n: number) => Array.from({ length: n }, () => String(int(10))).join('');
  const sign = ['', '-', '+'][int(3)];
  const whole = random() < 0.1 ? '' : digits(1 + int(random() < 0.3 ? 20 : 8));
  const fraction = random() < 0.7 ? `.${digits(int(random() < 0.3 ? 22 : 8))}` : '';
  const exponent = random() < 0.3 ? `${random() < 0.5 ? 'e' : 'E'}${['', '-', '+'][int(3)]}${int(random() < 0.2 ? 350 : 30)}` : '';
  return `${sign}${whole || (fraction ? '' : '0')}${fraction === '.' && !whole ? '.0' : fraction}${exponent}`;
}

describe('parseDecimal', () => {
  it('gives the very double Number() gives, on 100,000 random decimals', () => {
    const random = seededRandom(12);
    let fast = 0;
    for (let i = 0; i < 100_000; i++) {
      const text = randomDecimal(random);
      const expected = Number(text);
      const got = read(text);
      if (!Object.is(got, expected)) expect({ text, got }).toEqual({ text, got: expected });
      const bytes = Buffer.from(text);
      if (!Number.isNaN(parseDecimal(bytes, 0, bytes.length))) fast++;
    }
    // Most decimals a CSV holds are on the fast path; the rest are left to Number().
    expect(fast).toBeGreaterThan(50_000);
  });

  it('settles 16–19 digit decimals as Number() does, near-ties and exact ties included', () => {
    const random = seededRandom(5);
    const texts: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 30 - 12);
      texts.push(String(x), x.toPrecision(16 + Math.floor(random() * 4)), x.toExponential(15 + Math.floor(random() * 4)));
    }
    // Integers near 2^62, where doubles are 1024 apart: ties (…512 past one) and their neighbours.
    for (let i = 0; i < 2000; i++) {
      const tie = 2n ** 62n + BigInt(Math.floor(random() * 2 ** 40)) * 1024n + 512n;
      for (const d of [-2n, -1n, 0n, 1n, 2n]) texts.push(String(tie + d), `${String(tie + d).slice(0, 1)}.${String(tie + d).slice(1)}e18`);
    }
    let settled = 0;
    for (const text of texts) {
      if (!Object.is(read(text), Number(text))) expect({ text, got: read(text) }).toEqual({ text, got: Number(text) });
      const bytes = Buffer.from(text);
      if (!Number.isNaN(parseDecimal(bytes, 0, bytes.length))) settled++;
    }
    expect(settled).toBeGreaterThan(texts.length * 0.6);
  });

  it.each([
    ['0', 0],
    ['-0', -0],
    ['-0.000', -0],
    ['+.5', 0.5],
    ['5.', 5],
    ['1e5', 1e5],
    ['1E-5', 1e-5],
    ['0.1', 0.1],
    ['123456789012345', 123456789012345],
    ['0.000000000000000000012345', 1.2345e-20],
    ['9007199254740993', 9007199254740992],
    ['1e400', Infinity],
  ])('reads %s as %d', (text, value) => {
    expect(Object.is(read(text), value)).toBe(true);
  });

  it.each(['', '-', '+', '.', 'e5', '1e', '1e+', '1.2.3', '0x1f', ' 1', '1 ', '1,5', 'NaN', 'Infinity', '١'])(
    'declines %j (not a plain decimal: the text decides)',
    (text) => {
      const bytes = Buffer.from(text);
      expect(parseDecimal(bytes, 0, bytes.length)).toBeNaN();
    },
  );

  it('stops where the decimal ends, so the caller sees what follows', () => {
    const stop = new Int32Array(1);
    const bytes = Buffer.from('-12.5e3,7');
    expect(scanDecimal(bytes, 0, bytes.length, stop)).toBe(-12500);
    expect(stop[0]).toBe(7);
    expect(scanDecimal(Buffer.from('0x1f'), 0, 4, stop)).toBe(0);
    expect(stop[0]).toBe(1);
  });
});
