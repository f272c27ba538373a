import { csvField, csvFileName, toCsv } from './csv';

describe('toCsv', () => {
  it('starts with a UTF-8 BOM, separates with ; and ends every line with CRLF', () => {
    const csv = toCsv(['Maand', 'Aantal'], [['januari 2026', 12], ['februari 2026', '< 5']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Maand;Aantal\r\njanuari 2026;12\r\nfebruari 2026;< 5\r\n');
  });

  it('keeps "< 5" as text, not a number or an empty cell', () => {
    expect(csvField('< 5')).toBe('< 5');
  });

  it('quotes values with a separator, a quote, a line break or spaces at the edges', () => {
    expect(csvField('Participatiewet; art. 18')).toBe('"Participatiewet; art. 18"');
    expect(csvField('het "maatwerk"')).toBe('"het ""maatwerk"""');
    expect(csvField('regel 1\nregel 2')).toBe('"regel 1\nregel 2"');
    expect(csvField(' spatie')).toBe('" spatie"');
    expect(csvField('gewoon')).toBe('gewoon');
  });

  it('writes numbers the Dutch way (decimal comma, no thousands dot) and null as empty', () => {
    expect(csvField(2.5)).toBe('2,5');
    expect(csvField(12345)).toBe('12345');
    expect(csvField(null)).toBe('');
  });

  it('does not let a text start a formula in Excel', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-3 dagen')).toBe("'-3 dagen");
    expect(csvField(-3)).toBe('-3');
  });

  it('keeps accents (UTF-8) as they are', () => {
    expect(toCsv(['Rol'], [['coördinator']])).toBe('\uFEFFRol\r\ncoördinator\r\n');
  });
});

describe('csvFileName', () => {
  it('makes a plain file name from a Dutch title', () => {
    expect(csvFileName('Knelpunten per maand')).toBe('knelpunten-per-maand.csv');
    expect(csvFileName('Staat van de uitvoering: per onderwerp (2026)')).toBe('staat-van-de-uitvoering-per-onderwerp-2026.csv');
    expect(csvFileName('Coördinatie')).toBe('coordinatie.csv');
  });
});
