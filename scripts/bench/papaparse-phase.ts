/**
 * The reference: a bare streaming parse of the same files by papaparse (the fastest of the
 * general-purpose npm CSV parsers measured here, MEASURED.md), header mode, one row at a time.
 */
import { createReadStream } from 'node:fs';
import Papa from 'papaparse';
import type { BenchFile } from './elf-bench-data';
import type { PhaseResult } from './phase-result';
import { peakRssMb } from './phase-result';

function parseFile(file: BenchFile): Promise<number> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse(createReadStream(file.path), {
      header: true,
      step: () => void (rows += 1),
      complete: () => resolve(rows),
      error: (err: Error) => reject(err),
    });
  });
}

export async function runPapaparsePhase(files: readonly BenchFile[]): Promise<PhaseResult> {
  const started = performance.now();
  let rows = 0;
  for (const file of files) rows += await parseFile(file);
  return { rows, seconds: (performance.now() - started) / 1000, bytes: files.reduce((sum, f) => sum + f.bytes, 0), peakRssMb: peakRssMb() };
}
