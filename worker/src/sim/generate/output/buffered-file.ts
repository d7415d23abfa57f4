/**
 * A file written in large synchronous chunks. The generator writes gigabytes; synchronous writes
 * of ~1 MB keep memory flat (nothing queues up behind a slow disk) and keep output order exactly
 * the order of the calls, which determinism needs.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';

const FLUSH_BYTES = 1 << 20;

export class BufferedFile {
  private readonly fd: number;
  private parts: string[] = [];
  private pending = 0;
  private written = 0;
  private closed = false;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, 'w');
  }

  write(text: string): void {
    if (this.closed) throw new Error(`${this.file} is already closed`);
    this.parts.push(text);
    this.pending += text.length;
    if (this.pending >= FLUSH_BYTES) this.flush();
  }

  /** Writes already-encoded bytes (after anything pending). */
  writeBytes(bytes: Uint8Array): void {
    this.flush();
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(this.fd, bytes, offset);
    this.written += bytes.length;
  }

  /** Bytes written so far (after flushing). */
  get bytes(): number {
    return this.written;
  }

  flush(): void {
    if (this.parts.length === 0) return;
    const buffer = Buffer.from(this.parts.join(''), 'utf8');
    this.parts = [];
    this.pending = 0;
    let offset = 0;
    while (offset < buffer.length) offset += writeSync(this.fd, buffer, offset);
    this.written += buffer.length;
  }

  close(): void {
    if (this.closed) return;
    this.flush();
    closeSync(this.fd);
    this.closed = true;
  }
}

/** Writes a whole (small) text file. */
export function writeTextFile(file: string, text: string): void {
  const out = new BufferedFile(file);
  out.write(text);
  out.close();
}
