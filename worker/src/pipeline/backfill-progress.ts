/**
 * How far a backfill has come, as a live object the command line reads on its own clock (so a
 * bar can show "held" or "waiting" while nothing moves). Fraction = streams done plus the
 * current stream's share: its sources one after the other, each by the time its cursor reached
 * within the window.
 */
export type BackfillPhase = 'connecting' | 'waiting-for-lock' | 'reading' | 'done' | 'stopped';

export class BackfillProgress {
  readonly startedMs: number;
  phase: BackfillPhase = 'connecting';
  streamIndex = 0;
  stream = '';
  fromMs = 0;
  untilMs = 0;
  reachedMs = 0;
  sourceIndex = 0;
  sourceCount = 1;
  /** Records of finished streams plus the pages of the current one. */
  records = 0;
  /** Calls made so far (read from the client). */
  apiCalls: () => number = () => 0;
  /** Set while a call waits for API allocation at the backfill reserve. */
  heldSinceMs: () => number | undefined = () => undefined;

  constructor(
    readonly org: string,
    readonly streams: readonly string[],
    now = Date.now(),
  ) {
    this.startedMs = now;
  }

  startStream(index: number, fromMs: number, untilMs: number, sourceCount: number): void {
    Object.assign(this, { phase: 'reading', streamIndex: index, stream: this.streams[index] ?? '', fromMs, untilMs, reachedMs: fromMs, sourceIndex: 0, sourceCount: Math.max(1, sourceCount) });
  }

  /** A page was committed: its source reached `reachedMs`. */
  page(sourceIndex: number, reachedMs: number, records: number): void {
    if (sourceIndex !== this.sourceIndex) this.reachedMs = this.fromMs;
    this.sourceIndex = sourceIndex;
    this.reachedMs = Math.min(this.untilMs, Math.max(this.reachedMs, reachedMs));
    this.records += records;
  }

  finishStream(): void {
    this.sourceIndex = this.sourceCount - 1;
    this.reachedMs = this.untilMs;
  }

  /** Share of the current stream done, 0..1. */
  streamFraction(): number {
    const span = this.untilMs - this.fromMs;
    const within = span > 0 ? (this.reachedMs - this.fromMs) / span : 1;
    return Math.min(1, (this.sourceIndex + Math.max(0, within)) / this.sourceCount);
  }

  /** Share of the whole backfill done, 0..1. */
  fraction(): number {
    if (this.phase === 'done') return 1;
    if (this.phase !== 'reading') return this.streamIndex / this.streams.length;
    return (this.streamIndex + this.streamFraction()) / this.streams.length;
  }

  /** Remaining time at the pace so far; undefined until there is a pace to go by. */
  etaMs(now = Date.now()): number | undefined {
    const done = this.fraction();
    const elapsed = now - this.startedMs;
    if (done < 0.01 || elapsed < 2_000) return undefined;
    return Math.round((elapsed * (1 - done)) / done);
  }
}
