/**
 * Hourly files of the same event type and hour must be published in Sequence order: Salesforce
 * creates a later Sequence only when late events arrive after the earlier file ("Use the creation
 * date and an incremental sequence number to identify a new log file", REST API Developer Guide,
 * "Query or View Hourly Event Log Files"). A fixture whose `createdDates` pins break that order
 * describes something Salesforce never does, so it is refused.
 */
import type { FixtureProblem } from '../fixture/fixture-error';
import type { SimRecord } from '../schema/types';
import { dateTimeMs } from '../sf-datetime';

interface Published {
  record: SimRecord;
  key: string;
}

export function sequenceOrderProblems(entries: Published[]): FixtureProblem[] {
  const byHour = new Map<string, Published[]>();
  for (const entry of entries) {
    if (entry.record['Interval'] !== 'Hourly') continue;
    const hour = `${String(entry.record['EventType'])}|${String(entry.record['LogDate'])}`;
    byHour.set(hour, [...(byHour.get(hour) ?? []), entry]);
  }
  const problems: FixtureProblem[] = [];
  for (const files of byHour.values()) {
    const ordered = files.sort((a, b) => Number(a.record['Sequence']) - Number(b.record['Sequence']));
    for (let i = 1; i < ordered.length; i++) {
      const before = ordered[i - 1] as Published;
      const after = ordered[i] as Published;
      if ((dateTimeMs(after.record['CreatedDate']) ?? 0) > (dateTimeMs(before.record['CreatedDate']) ?? 0)) continue;
      problems.push({
        file: `eventlogs/${after.key}`,
        message: `is published at ${String(after.record['CreatedDate'])}, not after the lower Sequence ${before.key} (${String(before.record['CreatedDate'])})`,
        fix: 'pin later Sequences of the same hour at later createdDates (or leave them unpinned)',
      });
    }
  }
  return problems;
}
