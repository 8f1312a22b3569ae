import { columnType, defaultTarget, isMissing, isNumeric, previewCsv, suggestedProblem } from './csv-preview';

const csv = (rows: string[][]) => rows.map((r) => r.join(',')).join('\n') + '\n';

describe('csv preview', () => {
  it('reads the header, the first rows and each column type with its missing count', () => {
    const text = csv([
      ['species', 'bill_length_mm', 'sex', 'notes'],
      ['Adelie', '39.1', 'male', ''],
      ['Adelie', 'NA', 'female', 'NA'],
      ['Gentoo', '47.5', '?', ''],
    ]);
    const p = previewCsv(text);
    expect(p.header).toEqual(['species', 'bill_length_mm', 'sex', 'notes']);
    expect(p.rows).toHaveLength(3);
    expect(p.rowsRead).toBe(3);
    expect(p.columns.map((c) => [c.name, c.type, c.missing, c.distinct])).toEqual([
      ['species', 'categorical', 0, 2],
      ['bill_length_mm', 'numeric', 1, 2],
      ['sex', 'categorical', 1, 2],
      ['notes', 'empty', 3, 0],
    ]);
    expect(p.warnings).toEqual([]);
  });

  it('shows at most maxRows rows but counts types over every complete row read', () => {
    const rows = [['x', 'y'], ...Array.from({ length: 50 }, (_, i) => [String(i), i === 40 ? 'b' : '1'])];
    const p = previewCsv(csv(rows), { maxRows: 20 });
    expect(p.rows).toHaveLength(20);
    expect(p.rowsRead).toBe(50);
    expect(p.columns[1].type).toBe('categorical');
  });

  it('drops the cut last line of a truncated read', () => {
    const p = previewCsv('a,b\n1,2\n3,4\n5,x', { truncated: true });
    expect(p.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(p.columns[1].type).toBe('numeric');
  });

  it('guesses ; and tab delimiters, strips a BOM and names blank headers', () => {
    expect(previewCsv('\uFEFFa;b\n1;2\n').header).toEqual(['a', 'b']);
    const tab = previewCsv('a\t\n1\t2\n');
    expect(tab.delimiter).toBe('\t');
    expect(tab.header).toEqual(['a', 'column 2']);
  });

  it('handles quoted cells with commas and line breaks', () => {
    const p = previewCsv('name,score\n"Smith, J","1.5"\n"multi\nline",2\n');
    expect(p.rows[0]).toEqual(['Smith, J', '1.5']);
    expect(p.rows[1][0]).toBe('multi\nline');
    expect(p.columns[1].type).toBe('numeric');
  });

  it('warns of ragged rows and of a file with no data rows', () => {
    expect(previewCsv('a,b\n1\n2,3\n').warnings[0]).toMatch(/1 of the first 2 rows/);
    expect(previewCsv('a,b\n').warnings[0]).toMatch(/no data rows/);
  });

  it('refuses a file without a header', () => {
    expect(() => previewCsv('')).toThrow(/no header row/);
    expect(() => previewCsv('\n\n')).toThrow(/no header row/);
  });

  it('uses the server rules for missing and numeric cells', () => {
    for (const m of ['', ' ', 'NA', 'n/a', 'NULL', 'None', '?', undefined]) expect(isMissing(m)).toBe(true);
    expect(isMissing('0')).toBe(false);
    expect(isNumeric('-1.5e3')).toBe(true);
    expect(isNumeric('0x1f')).toBe(false);
    expect(isNumeric('1,000')).toBe(false);
    expect(columnType(['NA', ''])).toBe('empty');
    expect(columnType(['1', 'NA', '2.5'])).toBe('numeric');
  });

  it('defaults the target to the last column and suggests the problem type like the API', () => {
    const p = previewCsv('a,label\n1,x\n');
    expect(defaultTarget(p)).toBe('label');
    const num = { name: 'y', type: 'numeric' as const, missing: 0, distinct: 3 };
    expect(suggestedProblem(num, ['1', '2', '3'])).toBe('classification');
    expect(suggestedProblem(num, ['1', '2.5', '3'])).toBe('regression');
    expect(
      suggestedProblem(
        num,
        Array.from({ length: 25 }, (_, i) => String(i)),
      ),
    ).toBe('regression');
    expect(suggestedProblem({ ...num, type: 'categorical' }, ['a'])).toBe('classification');
  });
});
