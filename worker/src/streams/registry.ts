/**
 * The explicit list of streams, in the order a scan runs them. Adding a source: its query and
 * normalizer, a StreamSource, and its place here (CONVENTIONS: one schedule entry).
 */
import { eventLogsStream } from './event-log-files';
import { filesStream } from './files';
import { loginsStream } from './login-history';
import { oauthStream } from './oauth-grants';
import { realtimeStream } from './realtime/realtime';
import { auditStream } from './setup-audit-trail';
import type { StreamDefinition, StreamName } from './stream';
import { usersStream } from './users/users';

// users first: the directory it saves names audit targets and Login-As admins in the same scan.
export const STREAMS: readonly StreamDefinition[] = [usersStream, loginsStream, auditStream, eventLogsStream, oauthStream, filesStream, realtimeStream];

export function streamNamed(name: string): StreamDefinition | undefined {
  return STREAMS.find((stream) => stream.name === name as StreamName);
}
