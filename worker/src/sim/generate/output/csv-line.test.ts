import { csvHeader, csvLine } from './csv-line';

describe('csvLine', () => {
  it('quotes every value, doubles embedded quotes and writes empty values as ""', () => {
    const line = csvLine(['EVENT_TYPE', 'A', 'B', 'C', 'D'], { A: 'say "hi"', B: 12, C: null }, 'Search');
    expect(line).toBe('"Search","say ""hi""","12","",""\n');
    expect(csvHeader(['EVENT_TYPE', 'TIMESTAMP'])).toBe('"EVENT_TYPE","TIMESTAMP"\n');
  });
});
