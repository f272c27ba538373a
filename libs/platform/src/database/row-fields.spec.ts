import { asRow, bool, date, dateOrNull, int, intOrNull, json, oneOf, RowShapeError, rowsOf, str, strArray, strOrNull } from './row-fields';

describe('row fields', () => {
  const row = asRow({ t: 'x', n: 7, big: '9007199254740991', d: new Date(0), b: false, arr: ['a', 'b'], j: { k: 1 }, nul: null, e: 'OPEN' });

  it('reads each column as the type the table promises', () => {
    expect(str(row, 't')).toBe('x');
    expect(int(row, 'n')).toBe(7);
    expect(int(row, 'big')).toBe(Number.MAX_SAFE_INTEGER);
    expect(date(row, 'd')).toEqual(new Date(0));
    expect(bool(row, 'b')).toBe(false);
    expect(strArray(row, 'arr')).toEqual(['a', 'b']);
    expect(json(row, 'j')).toEqual({ k: 1 });
    expect(oneOf(row, 'e', ['OPEN', 'CLOSED'] as const)).toBe('OPEN');
    expect([strOrNull(row, 'nul'), intOrNull(row, 'nul'), dateOrNull(row, 'nul')]).toEqual([null, null, null]);
    expect(rowsOf([{ a: 1 }])).toEqual([{ a: 1 }]);
  });

  it('refuses a column of another shape, naming the column and never the value', () => {
    const wrong: Array<() => unknown> = [
      () => str(row, 'n'),
      () => int(row, 't'),
      () => int(asRow({ f: 1.5 }), 'f'),
      () => int(asRow({ huge: '90071992547409930' }), 'huge'),
      () => date(row, 't'),
      () => bool(row, 'n'),
      () => strArray(asRow({ a: ['a', 1] }), 'a'),
      () => json(row, 'missing'),
      () => oneOf(row, 'e', ['CLOSED'] as const),
      () => asRow(['not', 'a', 'row']),
      () => rowsOf('nope'),
      () => str(row, 'nul'),
    ];
    for (const read of wrong) {
      expect(read).toThrow(RowShapeError);
      try {
        read();
      } catch (error) {
        expect(String(error)).not.toContain('90071992547409930');
      }
    }
  });
});
