import { toCsv } from './csv';

describe('report CSV', () => {
  it('is UTF-8 with a BOM, ; between fields, CRLF lines, quotes where needed', () => {
    const csv = toCsv(['Rij', 'Aantal'], [['Wet; en regels', '< 5'], ['Zei "nee"', '12'], ['=SOM(A1)', '-3']]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv.slice(1)).toBe('Rij;Aantal\r\n"Wet; en regels";< 5\r\n"Zei ""nee""";12\r\n\'=SOM(A1);-3\r\n');
  });
});
