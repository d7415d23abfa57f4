/**
 * What the simulator knows about EventLogFile event types: the published type names, the column
 * types Salesforce reports in `LogFileFieldTypes`, and which types orgs get without Event Monitoring.
 * Facts come from `elf-field-types.json` (Salesforce's "<X> Event Type" reference pages).
 */
import elfFieldTypes from './elf-field-types.json';

const eventTypes = elfFieldTypes.eventTypes as Record<string, Record<string, string>>;
const byLowerName = new Map(Object.keys(eventTypes).map((name) => [name.toLowerCase(), name]));
const freeTypes = new Set(elfFieldTypes.freeEventTypes);

/** The canonical EventType value (`login` → `Login`), or undefined when Salesforce has no such type. */
export function canonicalEventType(name: string): string | undefined {
  return byLowerName.get(name.toLowerCase());
}

/** Every EventType value the simulator accepts. */
export function knownEventTypes(): string[] {
  return Object.keys(eventTypes);
}

/** The `LogFileFieldTypes` type of a column (`String` when the reference does not list it). */
export function columnType(eventType: string, column: string): string {
  return eventTypes[eventType]?.[column] ?? 'String';
}

/** True for the event types every org gets as daily files without the Event Monitoring add-on. */
export function isFreeEventType(eventType: string): boolean {
  return freeTypes.has(eventType);
}
