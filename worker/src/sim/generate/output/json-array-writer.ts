/**
 * `records/<SObject>.json` written one record at a time: a JSON array with one record per line,
 * so a 500 MB LoginHistory file never exists in memory. Each record gets the `attributes` block
 * the REST API returns (`type`, `url`), as the fixture format expects.
 */
import { BufferedFile } from './buffered-file';

export class JsonArrayWriter {
  private readonly out: BufferedFile;
  private count = 0;

  constructor(
    file: string,
    private readonly sobject: string,
    private readonly apiVersion = '62.0',
  ) {
    this.out = new BufferedFile(file);
    this.out.write('[');
  }

  /** Appends a record. Field order is the caller's (stable output). */
  add(record: Record<string, unknown>): void {
    const id = record['Id'];
    const attributes = id === undefined ? { type: this.sobject } : { type: this.sobject, url: `/services/data/v${this.apiVersion}/sobjects/${this.sobject}/${String(id)}` };
    const withAttributes = { attributes, ...record };
    this.out.write(`${this.count === 0 ? '\n' : ',\n'}${JSON.stringify(withAttributes)}`);
    this.count += 1;
  }

  get records(): number {
    return this.count;
  }

  close(): void {
    this.out.write(this.count === 0 ? ']\n' : '\n]\n');
    this.out.close();
  }
}
