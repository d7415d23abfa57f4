/**
 * The event logs stream: EventLogFile, hourly and daily, every event type present, every 60 min;
 * the first poll backfills 30 days (what an org with Event Monitoring keeps; an org without it
 * keeps 1 day, so its backfill is what exists). The rules — hourly vs daily, late Sequences,
 * resuming inside a file — are in eventlogs/.
 */
import { whenAvailable } from './availability';
import { eventLogSource, type EventLogSourceOptions } from './eventlogs/event-log-source';
import type { StreamDefinition, StreamSource } from './stream';

/** The EventLogFile source, skipped cleanly in an org that has no EventLogFile for the service account. */
export function eventLogFilesSource(options: EventLogSourceOptions = {}): StreamSource {
  // Without "View Event Log Files" (or any Event Monitoring access) Salesforce has no
  // EventLogFile object for the user: queries answer INVALID_TYPE.
  return whenAvailable(eventLogSource(options), {
    errorCodes: ['INVALID_TYPE'],
    remedy: 'assign the View Event Log Files permission (Warden_Integration has it) or add Event Monitoring',
  });
}

export const eventLogsStream: StreamDefinition = {
  name: 'eventlogs',
  pollIntervalMinutes: 60,
  backfillDays: 30,
  priority: 'eventlogs',
  sources: [eventLogFilesSource()],
};
