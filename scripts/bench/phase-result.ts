/** What each benchmark phase reports back to the parent process (one JSON line on stdout). */

export interface PhaseResult {
  rows: number;
  seconds: number;
  bytes: number;
  /** The process's peak resident set size (getrusage ru_maxrss), in MB of 10^6 bytes. */
  peakRssMb: number;
  detail?: Record<string, unknown>;
}

export function peakRssMb(): number {
  // ru_maxrss is in kibibytes on Linux.
  return (process.resourceUsage().maxRSS * 1024) / 1e6;
}
