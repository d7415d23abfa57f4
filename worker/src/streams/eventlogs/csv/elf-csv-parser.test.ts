import fc from 'fast-check';
import { ElfCsvParser, type Damage } from './elf-csv-parser';

interface Parsed {
  header: string[];
  rows: string[][];
  units: number[];
  damage: Array<{ kind: Damage; unit: number }>;
}

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
const line = (values: readonly string[]) => values.map(quote).join(',');

function encode(header: readonly string[], rows: readonly (readonly string[])[], eol = '\n'): string {
  return [header, ...rows].map((values) => line(values) + eol).join('');
}

/** Parses `bytes` fed in pieces cut at `cuts` (byte offsets). */
function parse(bytes: Buffer, cuts: readonly number[] = [], options = {}): Parsed {
  const out: Parsed = { header: [], rows: [], units: [], damage: [] };
  const parser = new ElfCsvParser(
    {
      onHeader: (columns) => void (out.header = [...columns]),
      onRow: (row, unit) => {
        out.rows.push(Array.from({ length: row.count }, (_, i) => row.text(i)));
        out.units.push(unit);
      },
      onDamage: (kind, unit) => void out.damage.push({ kind, unit }),
    },
    options,
  );
  let start = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    parser.push(bytes.subarray(start, cut));
    start = cut;
  }
  parser.push(bytes.subarray(start));
  parser.end();
  return out;
}

const HEADER = ['EVENT_TYPE', 'TIMESTAMP', 'REQUEST_ID', 'USER_ID'];
const row = (i: number) => ['API', `2024010710${String(i % 60).padStart(2, '0')}00.000`, `req-${i}`, '0055g00000Alice'];

// Values that stress the format: quotes, commas, both newlines, multi-byte characters.
const value = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 12 }),
  fc.constantFrom('', '"', '""', ',', '\n', '\r\n', '","', '"""x"""', 'Salesforce.com IP', 'é', '日本', '🙂'),
  fc.array(fc.constantFrom('a', '"', ',', '\n', '\r', 'é', '🙂', ' '), { maxLength: 8 }).map((parts) => parts.join('')),
);

const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
  fc.record({
    header: fc.array(fc.stringMatching(/^[A-Z_]{1,12}$/), { minLength: width, maxLength: width }),
    rows: fc.array(fc.array(value, { minLength: width, maxLength: width }), { maxLength: 15 }),
    eol: fc.constantFrom('\n', '\r\n'),
  }),
);

describe('ElfCsvParser', () => {
  it('round-trips any values: quotes, commas, newlines and unicode', () => {
    fc.assert(
      fc.property(table, ({ header, rows, eol }) => {
        // A header row repeated as data is damage by definition: keep the generated rows distinct from it.
        const data = rows.filter((r) => line(r) !== line(header));
        const parsed = parse(Buffer.from(encode(header, data, eol)));
        expect(parsed.header).toEqual(header);
        expect(parsed.rows).toEqual(data);
        expect(parsed.damage).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same rows and unit numbers whatever the chunk boundaries', () => {
    fc.assert(
      fc.property(table, fc.array(fc.nat(), { maxLength: 12 }), ({ header, rows, eol }, rawCuts) => {
        const bytes = Buffer.from(encode(header, rows, eol));
        const cuts = rawCuts.map((c) => c % (bytes.length + 1));
        expect(parse(bytes, cuts)).toEqual(parse(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('never crashes on damage and never loses a well-formed row after it', () => {
    const damages: Array<(text: string) => string> = [
      (t) => t.replace(/"$/, ''), // the last value never closed
      (t) => t.replace(/^"API"/, '"A"P"I"'), // stray quotes
      (t) => t.slice(0, t.lastIndexOf(',')), // a column missing
      (t) => `${t},"extra"`, // a column too many
      (t) => t.replace(/^"/, ''), // an unquoted value
    ];
    // Salesforce rows start with their EVENT_TYPE, never empty: that is what shows a value left
    // open — the next row's `"API"` cannot continue a quoted value. The other values are arbitrary.
    const eventRow = fc.array(value, { minLength: 3, maxLength: 3 }).map((rest) => ['API', ...rest]);
    const input = fc.record({
      rows: fc.array(eventRow, { minLength: 2, maxLength: 12 }),
      at: fc.nat(),
      damage: fc.nat({ max: damages.length - 1 }),
      cuts: fc.array(fc.nat(), { maxLength: 6 }),
    });
    fc.assert(
      fc.property(input, ({ rows, at, damage, cuts }) => {
        const hit = at % rows.length;
        const lines = [line(HEADER), ...rows.map((r, i) => (i === hit ? damages[damage]!(line(r)) : line(r)))];
        const bytes = Buffer.from(lines.join('\n') + '\n');
        const parsed = parse(bytes, cuts.map((c) => c % bytes.length));
        expect(parsed.damage.length).toBeGreaterThanOrEqual(1);
        const after = rows.slice(hit + 1).filter((r) => line(r) !== line(HEADER));
        const tail = parsed.rows.slice(parsed.rows.length - after.length);
        expect(tail).toEqual(after);
      }),
      { numRuns: 400 },
    );
  });

  it('counts each defect of a damaged file once and reads every other row', () => {
    const lines = [line(HEADER), ...Array.from({ length: 8 }, (_, i) => line(row(i)))];
    lines[2] = lines[2]!.replace('"req-1"', '"re"q-1"'); // broken quote, row still ends at its newline
    lines[4] = lines[4]!.replace('"req-3"', '"req-3'); // value never closed
    lines[5] = lines[5]!.slice(0, lines[5]!.lastIndexOf(',')); // missing column
    lines.splice(7, 0, line(HEADER)); // header again as data
    const text = lines.join('\r\n') + '\r\n' + line(row(8)).slice(0, 20); // truncated last line
    const parsed = parse(Buffer.from(text));
    expect(parsed.rows.map((r) => r[2])).toEqual(['req-0', 'req-2', 'req-5', 'req-6', 'req-7']);
    expect(parsed.damage.map((d) => d.kind)).toEqual(['broken-quoting', 'broken-quoting', 'column-count', 'header-as-data', 'truncated']);
    // Units number rows and damage in file order: the resume point of a file.
    expect([...parsed.units, ...parsed.damage.map((d) => d.unit)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('keeps a row that ends the file without a newline, skips blank lines and a byte-order mark', () => {
    const text = `\uFEFF${line(HEADER)}\n\n${line(row(0))}\r\n\r\n${line(row(1))}`;
    expect(parse(Buffer.from(text)).rows).toEqual([row(0), row(1)]);
  });

  it('bounds a value that never ends (maxRowBytes) and reads on after it', () => {
    const text = `${line(HEADER)}\n"API","${'x'.repeat(5000)}\n${line(row(1))}\n`;
    const parsed = parse(Buffer.from(text), [100, 2000, 4000], { maxRowBytes: 1000 });
    expect(parsed.rows).toEqual([row(1)]);
    expect(parsed.damage).toHaveLength(1);
  });

  it('reads the rows with the listing field names when the header line is damaged', () => {
    const text = `"EVENT_TYPE","TIMESTAMP"x,"REQUEST_ID","USER_ID"\n${line(row(0))}\n`;
    const parsed = parse(Buffer.from(text), [], { fallbackColumns: HEADER });
    expect(parsed.header).toEqual(HEADER);
    expect(parsed.rows).toEqual([row(0)]);
    expect(parse(Buffer.from(text)).rows).toEqual([]);
  });

  it('lets the caller stop after the header', () => {
    const parser = new ElfCsvParser({ onHeader: () => false, onRow: () => { throw new Error('read a row'); }, onDamage: () => undefined });
    parser.push(Buffer.from(encode(HEADER, [row(0)])));
    parser.end();
    expect(parser.columnCount).toBe(4);
  });
});
