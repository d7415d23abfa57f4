/**
 * A body that trickles: at most `bytesPerSecond`, in 50 ms steps — a congested link or a busy
 * instance streaming a large event log file, which a client's read timeout has to cope with.
 */
import { Transform, type TransformCallback } from 'node:stream';

const STEP_MS = 50;

export class SlowStream extends Transform {
  private readonly bytesPerStep: number;

  constructor(bytesPerSecond: number) {
    super();
    this.bytesPerStep = Math.max(1, Math.floor((bytesPerSecond * STEP_MS) / 1000));
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.drip(chunk, done);
  }

  private drip(chunk: Buffer, done: TransformCallback): void {
    this.push(chunk.subarray(0, this.bytesPerStep));
    const rest = chunk.subarray(this.bytesPerStep);
    setTimeout(() => (rest.length > 0 && !this.destroyed ? this.drip(rest, done) : done()), STEP_MS);
  }
}
