/**
 * The explicit list of streams, in the order a scan runs them. Adding a source: its query and
 * normalizer, a StreamSource, and its place here (CONVENTIONS: one schedule entry).
 */
import { loginsStream } from './login-history';
import type { StreamDefinition, StreamName } from './stream';

export const STREAMS: readonly StreamDefinition[] = [loginsStream];

export function streamNamed(name: string): StreamDefinition | undefined {
  return STREAMS.find((stream) => stream.name === name as StreamName);
}
