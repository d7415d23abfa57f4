import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { CsvCorruptor, planDefects } from './csv-corruption';
import { CsvRecordSplitter } from './csv-records';
import type { CsvDefect } from './fault-config';
import { SeededRandom } from './seeded-random';

const HEADER = '"EVENT_TYPE","USER_ID","STACK_TRACE"';
// A value with a newline and a doubled quote inside, as ApexUnexpectedException rows carry.
const ROWS = ['"A","005A","x"', '"A","005B","line one\nline ""two"""', '"A","005C","z"', '"A","005D","w"'];
const CSV = `${HEADER}\n${ROWS.join('\n')}\n`;

async function corrupt(defect: CsvDefect, row: number, csv = CSV): Promise<string> {
  // Chunks of 7 bytes: records span chunks, as they do on the wire.
  const chunks = Buffer.from(csv).toString('latin1').match(/[\s\S]{1,7}/g)?.map((c) => Buffer.from(c, 'latin1')) ?? [];
  return text(Readable.from(chunks).pipe(new CsvCorruptor([{ defect, row }], new SeededRandom('t'))));
}

describe('CSV records', () => {
  it('keeps a quoted newline inside its record', () => {
    const records: string[] = [];
    const splitter = new CsvRecordSplitter();
    for (const chunk of [CSV.slice(0, 40), CSV.slice(40)]) splitter.push(Buffer.from(chunk), (r) => records.push(r.toString()));
    splitter.end((r) => records.push(r.toString()));
    expect(records).toEqual([`${HEADER}\n`, ...ROWS.map((r) => `${r}\n`)]);
  });
});

describe('CSV corruption', () => {
  it('drops the last value of a row (missing-column)', async () => {
    expect(await corrupt('missing-column', 3)).toBe(CSV.replace('"A","005C","z"', '"A","005C"'));
  });

  it('leaves an unescaped quote that still closes (broken-quote) or one that never does (unclosed-quote)', async () => {
    const broken = (await corrupt('broken-quote', 1)).split('\n')[1] as string;
    expect(broken).not.toBe(ROWS[0]);
    expect((broken.match(/"/g) ?? []).length % 2).toBe(0);
    const unclosed = (await corrupt('unclosed-quote', 3)).split('\n')[3] as string;
    expect((unclosed.match(/"/g) ?? []).length % 2).toBe(1);
  });

  it('puts the header among the data (header-as-data), even in a file without data rows', async () => {
    expect(await corrupt('header-as-data', 2)).toBe(`${HEADER}\n${ROWS[0]}\n${HEADER}\n${ROWS.slice(1).join('\n')}\n`);
    expect(await corrupt('header-as-data', 1, `${HEADER}\n`)).toBe(`${HEADER}\n${HEADER}\n`);
  });

  it('cuts the last row short, without its newline (truncated-last-line)', async () => {
    const out = await corrupt('truncated-last-line', 4);
    expect(out.startsWith(`${HEADER}\n${ROWS.slice(0, 3).join('\n')}\n`)).toBe(true);
    const last = out.slice(`${HEADER}\n${ROWS.slice(0, 3).join('\n')}\n`.length);
    expect(last.length).toBeGreaterThan(0);
    expect(ROWS[3]?.startsWith(last) && last !== ROWS[3]).toBe(true);
  });

  it('plans one row per defect, distinct where it can, and nothing that needs rows in an empty file', () => {
    const plan = planDefects(['missing-column', 'broken-quote', 'unclosed-quote', 'truncated-last-line', 'header-as-data'], 10, new SeededRandom('p'));
    const rowOf = (d: CsvDefect) => plan.find((p) => p.defect === d)?.row;
    expect(rowOf('truncated-last-line')).toBe(10);
    const damaged = [rowOf('missing-column'), rowOf('broken-quote'), rowOf('unclosed-quote')];
    expect(new Set(damaged).size).toBe(3);
    expect(damaged).not.toContain(10);
    expect(planDefects(['missing-column', 'truncated-last-line', 'header-as-data'], 0, new SeededRandom('p'))).toEqual([{ defect: 'header-as-data', row: 1 }]);
  });
});
