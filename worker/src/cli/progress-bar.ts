/**
 * Progress of a long backfill on stderr: a bar redrawn in place on a terminal; plain lines every
 * `plainEveryMs` otherwise (logs, CI, `2>file`), so a pipe is never filled with redraws. No
 * dependency: a terminal line is `\r` + erase-line + text.
 */
import type { BackfillProgress } from '../pipeline/backfill-progress';

export interface ProgressOutput {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

const DAY_MS = 86_400_000;
const BAR_WIDTH = 20;
const ERASE_LINE = '\r\x1b[2K';

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

const count = (n: number) => n.toLocaleString('en-US');
const day = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** What the stream in progress is doing, or how long until the end. */
function activity(p: BackfillProgress, now: number): string {
  if (p.phase === 'connecting') return 'connecting';
  if (p.phase === 'waiting-for-lock') return "waiting for the running worker's job";
  if (p.phase === 'done') return `done in ${formatDuration(now - p.startedMs)}`;
  if (p.phase === 'stopped') return `stopped after ${formatDuration(now - p.startedMs)}`;
  const held = p.heldSinceMs();
  if (held !== undefined && now - held >= 2_000) return `held at the API reserve for ${formatDuration(now - held)}`;
  const eta = p.etaMs(now);
  return eta === undefined ? 'ETA …' : `ETA ${formatDuration(eta)}`;
}

function covered(p: BackfillProgress): string {
  const windowDays = (p.untilMs - p.fromMs) / DAY_MS;
  const doneDays = windowDays * p.streamFraction();
  return `${doneDays.toFixed(1)}/${windowDays.toFixed(1)} d`;
}

export function barLine(p: BackfillProgress, now = Date.now()): string {
  const fraction = p.fraction();
  const filled = Math.round(fraction * BAR_WIDTH);
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  const position = `${p.stream || p.streams[0] || ''} ${Math.min(p.streamIndex + 1, p.streams.length)}/${p.streams.length}`;
  const window = p.phase === 'reading' ? `  ${covered(p)}` : '';
  // Most telling first: a narrow terminal cuts the end of the line.
  return `${position} ${bar} ${String(Math.floor(fraction * 100)).padStart(3)}%  ${activity(p, now)}${window}  ${count(p.records)} records  ${count(p.apiCalls())} API calls`;
}

export function plainLine(p: BackfillProgress, now = Date.now()): string {
  const where = p.phase === 'reading' ? ` reached ${day(p.reachedMs)} of ${day(p.fromMs)} → ${day(p.untilMs)} UTC (${covered(p)});` : '';
  const position = `${p.stream || p.streams[0] || ''} ${Math.min(p.streamIndex + 1, p.streams.length)}/${p.streams.length}`;
  return `backfill ${p.org}: ${position} ${Math.floor(p.fraction() * 100)}%;${where} ${count(p.records)} records, ${count(p.apiCalls())} API calls, elapsed ${formatDuration(now - p.startedMs)}, ${activity(p, now)}\n`;
}

export class ProgressBar {
  private timer?: NodeJS.Timeout;
  private drawn = false;
  private lastPlainMs = 0;

  constructor(
    private readonly progress: BackfillProgress,
    private readonly out: ProgressOutput,
    private readonly options: { redrawMs?: number; plainEveryMs?: number } = {},
  ) {}

  start(): void {
    const tty = Boolean(this.out.isTTY);
    this.timer = setInterval(() => this.tick(), tty ? (this.options.redrawMs ?? 200) : 1_000);
    this.timer.unref();
    this.tick();
  }

  /** A line for the reader (a note, a log line) above the bar. */
  above(text: string): void {
    if (this.drawn) this.out.write(ERASE_LINE);
    this.out.write(text.endsWith('\n') ? text : `${text}\n`);
    this.drawn = false;
    if (this.out.isTTY) this.draw();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.out.isTTY) {
      this.draw();
      this.out.write('\n');
      this.drawn = false;
    } else {
      this.out.write(plainLine(this.progress));
    }
  }

  private tick(): void {
    if (this.out.isTTY) return this.draw();
    const now = Date.now();
    if (this.lastPlainMs && now - this.lastPlainMs < (this.options.plainEveryMs ?? 10_000)) return;
    this.lastPlainMs = now;
    this.out.write(plainLine(this.progress, now));
  }

  private draw(): void {
    const line = barLine(this.progress);
    const width = this.out.columns ?? 120;
    this.out.write(`${ERASE_LINE}${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
    this.drawn = true;
  }
}
