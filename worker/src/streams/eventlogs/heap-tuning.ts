/**
 * Keeps event log ingestion's memory flat. A page's activities live for one page (a few
 * thousand rows) and then die; V8's allocation-site pretenuring sees them survive a scavenge and
 * starts allocating them straight into the old generation, which then fills with dead pages
 * until a full mark-compact — measured on 1M rows: 10 mark-compacts and +50 MB peak RSS with
 * it, 2 without, and 25% less CPU. The flag is one V8 reads at run time, so it can be set here;
 * the young generation's size cannot (start the worker with NODE_OPTIONS=--max-semi-space-size=16,
 * see the README).
 */
import { setFlagsFromString } from 'node:v8';
import { env } from '../../config';

let tuned = false;

/**
 * After each full GC, V8 lets the old generation grow to up to 4× what survived before the next
 * one, more the faster the program allocates. Ingestion allocates fast (every row, every policy's
 * state text) while keeping little (a page, the profiles it touches), so the heap would sit at
 * several times the live data. A fixed factor of 1.5 keeps it near the live size: on the 20,000-row
 * pages of `npm run bench:ingest` peak RSS drops from about 330 MB to 210 MB for about 15% more
 * CPU. Unlike a heap limit it never fails an allocation: the heap still grows as far as the live
 * data needs. ORGWARDEN_HEAP_GROWING_PERCENT=off leaves V8's default.
 */
const HEAP_GROWING_PERCENT = 50;

export function tuneHeapForPages(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString('--no-allocation-site-pretenuring');
  if (!env.heapTuningOff()) setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
