import { InvalidInputError } from '@modelstream/contracts';
import { checkTrainableColumns, checkTrainableRows, checkTwoClasses, checkUtf8 } from './trainable-checks';

describe('the trainer’s checks at upload time (finding 8: uploads bound to fail were accepted)', () => {
  it('refuses Latin-1 bytes in the chunk that holds them', () => {
    const latin1 = Buffer.from('name,city\nRené,Zürich\n', 'latin1');
    expect(() => checkUtf8('', latin1, 2, false)).toThrow(
      new InvalidInputError(
        'Chunk 2 is not UTF-8 text (the file may be saved as Latin-1 or Windows-1252). Save the CSV as UTF-8 and upload it again.',
      ),
    );
  });

  it('takes a character split between two chunks, carrying its first bytes over', () => {
    const text = Buffer.from('a,b\nZürich,€\n', 'utf8');
    const cut = text.indexOf(0xe2) + 1; // inside the three bytes of €
    const carry = checkUtf8('', text.subarray(0, cut), 0, false);
    expect(carry).toBe('e2');
    expect(checkUtf8(carry, text.subarray(cut), 1, true)).toBe('');
  });

  it('refuses a last chunk that ends in the middle of a character', () => {
    expect(() => checkUtf8('', Buffer.from([0x61, 0xe2, 0x82]), 0, true)).toThrow(/Chunk 0 is not UTF-8/);
  });

  it('needs a target and a column to learn from, at least 10 rows, and two classes', () => {
    expect(() => checkTrainableColumns(['y'])).toThrow(/single column \("y"\)/);
    expect(() => checkTrainableColumns(['x', 'y'])).not.toThrow();
    expect(() => checkTrainableRows(6)).toThrow('The file has 6 data rows; a training needs at least 10');
    expect(() => checkTrainableRows(10)).not.toThrow();
    expect(() => checkTwoClasses('species', ['a', 'a', ' a', ''])).toThrow(/single class \("a"\)/);
    expect(() => checkTwoClasses('species', ['a', 'b'])).not.toThrow();
  });
});
