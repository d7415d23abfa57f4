/**
 * Deterministic randomness for faults. Every decision is a pure function of the seed and a key
 * (rule id, the n-th matching request, a file or record id), so one rule's draws never shift
 * because another rule or another route saw more traffic, and the same seed gives the same faults
 * run after run. Math.random is never used.
 */
import { createHash } from 'node:crypto';

function digest(parts: readonly (string | number)[]): Buffer {
  return createHash('sha256').update(parts.map(String).join('\u0000')).digest();
}

/** A number in [0, 1) fixed by the parts (48 bits of SHA-256). */
export function unitDraw(...parts: (string | number)[]): number {
  return digest(parts).readUIntBE(0, 6) / 2 ** 48;
}

/** A stream of numbers in [0, 1) fixed by the parts: sfc32 seeded from SHA-256. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(...parts: (string | number)[]) {
    const seed = digest(parts);
    this.a = seed.readUInt32BE(0);
    this.b = seed.readUInt32BE(4);
    this.c = seed.readUInt32BE(8);
    this.d = seed.readUInt32BE(12);
    // The generator's first outputs are correlated with the seed words; discard them.
    for (let i = 0; i < 12; i++) this.next();
  }

  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return (t >>> 0) / 2 ** 32;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}
