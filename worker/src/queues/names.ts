/** Queue and job names. Job data never holds secrets: only the org's config name and the stream. */
import type { StreamName } from '../streams/stream';

export const INGEST_QUEUE = 'orgwarden-ingest';

export interface IngestJobData {
  org: string;
  stream: StreamName;
}

export function schedulerId(org: string, stream: StreamName): string {
  return `${org}:${stream}`;
}
