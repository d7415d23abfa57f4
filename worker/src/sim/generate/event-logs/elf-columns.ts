/**
 * Column order of each generated event type (`elf-columns.json`: real observed orders, then the
 * documented fields those files predate). Parsers must read by header name; we still write the
 * order real files have so fixtures look like the real thing.
 */
import elfColumns from './elf-columns.json';

const COLUMNS = elfColumns.columns as Record<string, readonly string[]>;

/** The event types the generator writes. */
export const GENERATED_EVENT_TYPES = Object.keys(COLUMNS);

export function columnsOf(type: string): readonly string[] {
  const columns = COLUMNS[type];
  if (!columns) throw new Error(`the generator has no column list for event type ${type}`);
  return columns;
}
