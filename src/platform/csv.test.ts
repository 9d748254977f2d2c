import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { csvSafe, toCsv } from './csv';

describe('the CSV writer', () => {
  it('prefixes a quote to every text cell that a spreadsheet would run as a formula', () => {
    for (const v of ['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) expect(csvSafe(v)).toBe(`'${v}`);
    for (const v of ['Ana', '', "'already", ' =1', 'a=b', '1-2', 'ana@example.org']) expect(csvSafe(v)).toBe(v);
  });

  it('guards headers and cells, keeps numbers as numbers, and survives a round trip through a parser', () => {
    const csv = toCsv(
      ['=name', 'n'],
      [
        ['=HYPERLINK("http://evil.example","x")', -3],
        ['line\r\nbreak, "quoted"', 4],
        [null, undefined],
      ],
    );
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = parse(csv.slice(1), { relax_column_count: true }) as string[][];
    expect(parsed).toEqual([
      ["'=name", 'n'],
      ['\'=HYPERLINK("http://evil.example","x")', '-3'],
      ['line\r\nbreak, "quoted"', '4'],
      ['', ''],
    ]);
    expect(csv).toContain('\r\n');
  });

  it('writes without the byte-order mark and with plain line ends when asked', () => {
    expect(toCsv(['a', 'b'], [['1', '+2']], { bom: false, recordDelimiter: '\n' })).toBe("a,b\n1,'+2\n");
  });
});
