/**
 * Damaged rows in a LogFile body, placed by the seed and the file's id so a file is damaged the
 * same way on every download and every run (a corrupt file stays corrupt; a retry does not heal
 * it). Each defect is applied once per file, at a seeded data row:
 *
 * - `missing-column` — a row with one value fewer than the header.
 * - `broken-quote` — a value with stray unescaped quotes (`"va"l"ue"`); the quote count stays
 *   even, so the row still ends at its newline, but strict parsers reject it.
 * - `unclosed-quote` — a value whose closing quote is missing; quote-aware parsers read on into
 *   the following rows, so the consumer must bound the damage.
 * - `header-as-data` — the header line again among the data (the Azure Sentinel sample has one:
 *   a header parsed as a record, as when files are concatenated).
 * - `truncated-last-line` — the last row cut mid-value, no final newline.
 */
import { Transform, type TransformCallback } from 'node:stream';
import type { CsvDefect } from './fault-config';
import { CsvRecordSplitter, splitFields } from './csv-records';
import type { SeededRandom } from './seeded-random';

export interface PlannedDefect {
  defect: CsvDefect;
  /** 1-based data row of the original file (for `header-as-data`: the row the header lands before). */
  row: number;
}

const ROW_DEFECTS: ReadonlySet<CsvDefect> = new Set(['missing-column', 'broken-quote', 'unclosed-quote']);

function pickRow(random: SeededRandom, rows: number, taken: Set<number>): number {
  let row = 1 + random.int(rows);
  // Distinct rows where the file has enough of them, so every defect stays visible on its own.
  for (let tries = 0; taken.has(row) && tries < 20; tries++) row = 1 + random.int(rows);
  taken.add(row);
  return row;
}

/** Where each defect goes in a file of `dataRows` rows; defects that need a row are dropped when there is none. */
export function planDefects(defects: readonly CsvDefect[], dataRows: number, random: SeededRandom): PlannedDefect[] {
  const wanted = [...new Set(defects)];
  const taken = new Set<number>();
  // Keep the truncated last row free of other damage when there is room.
  if (wanted.includes('truncated-last-line') && dataRows > 1) taken.add(dataRows);
  const planned: PlannedDefect[] = [];
  for (const defect of wanted) {
    if (defect === 'truncated-last-line') {
      if (dataRows > 0) planned.push({ defect, row: dataRows });
    } else if (defect === 'header-as-data') planned.push({ defect, row: 1 + random.int(Math.max(dataRows, 1)) });
    else if (dataRows > 0) planned.push({ defect, row: pickRow(random, dataRows, taken) });
  }
  return planned;
}

function quotedFieldIndex(fields: string[], random: SeededRandom): number {
  const candidates = fields.flatMap((f, i) => (f.length >= 4 && f.startsWith('"') && f.endsWith('"') ? [i] : []));
  return candidates.length ? (candidates[random.int(candidates.length)] as number) : -1;
}

function damageRow(record: string, defect: CsvDefect, random: SeededRandom): string {
  const { fields, eol } = splitFields(record);
  if (defect === 'missing-column') return (fields.length > 1 ? fields.slice(0, -1) : ['']).join(',') + eol;
  const i = quotedFieldIndex(fields, random);
  // No quoted value long enough to damage: add the stray quotes at the end of the row instead.
  if (i < 0) return `${fields.join(',')}${defect === 'broken-quote' ? '"x"' : '"'}${eol}`;
  const value = (fields[i] as string).slice(1, -1);
  const cut = 1 + random.int(value.length - 1);
  fields[i] = defect === 'broken-quote' ? `"${value.slice(0, cut)}"${value.slice(cut, cut + 1)}"${value.slice(cut + 1)}"` : `"${value}`;
  return fields.join(',') + eol;
}

export class CsvCorruptor extends Transform {
  private readonly splitter = new CsvRecordSplitter();
  private readonly byRow = new Map<number, CsvDefect[]>();
  private readonly truncating: boolean;
  private index = 0; // 0: the header, n: data row n
  private header: Buffer = Buffer.alloc(0);
  private held: Buffer | undefined;

  constructor(
    plan: readonly PlannedDefect[],
    private readonly random: SeededRandom,
  ) {
    super();
    for (const p of plan) this.byRow.set(p.row, [...(this.byRow.get(p.row) ?? []), p.defect]);
    this.truncating = plan.some((p) => p.defect === 'truncated-last-line');
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.splitter.push(chunk, (r) => this.record(r));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.splitter.end((r) => this.record(r));
    // A header-as-data row planned for a file without data rows goes at the end.
    if ([...this.byRow].some(([row, defects]) => row >= this.index && defects.includes('header-as-data'))) this.out(this.header);
    if (this.held) this.push(this.truncated(this.held));
    done();
  }

  private record(raw: Buffer): void {
    const row = this.index++;
    if (row === 0) {
      this.header = /\n$/.test(raw.toString('latin1')) ? raw : Buffer.concat([raw, Buffer.from('\n')]);
      this.out(raw);
      return;
    }
    const defects = this.byRow.get(row) ?? [];
    if (defects.includes('header-as-data')) this.out(this.header);
    let text = raw.toString('utf8');
    for (const defect of defects) if (ROW_DEFECTS.has(defect)) text = damageRow(text, defect, this.random);
    this.out(Buffer.from(text, 'utf8'));
  }

  /** Passes a piece on, holding back the latest one while the last row is still to be cut. */
  private out(piece: Buffer): void {
    if (!this.truncating) {
      this.push(piece);
      return;
    }
    if (this.held) this.push(this.held);
    this.held = piece;
  }

  private truncated(last: Buffer): Buffer {
    const content = last.length - (/\r?\n$/.exec(last.toString('latin1'))?.[0].length ?? 0);
    return content <= 1 ? last.subarray(0, content) : last.subarray(0, 1 + this.random.int(content - 1));
  }
}
