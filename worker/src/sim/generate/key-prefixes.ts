/**
 * Key prefixes of the objects the generator writes, read from the simulator's schema so ids
 * always match what its fixture loader expects.
 */
import realtimeEventObjects from '../schema/realtime-event-objects.json';
import standardObjects from '../schema/standard-objects.json';

const SCHEMA = { ...standardObjects.objects, ...realtimeEventObjects.objects } as Record<string, { keyPrefix: string }>;

/** Prefixes of ids the log rows reference but the fixture has no records for. */
export const REFERENCE_PREFIXES = {
  ContentVersion: '068',
  Report: '00O',
  Attachment: '00P',
  BulkJob: '750',
  BulkBatch: '751',
  Account: '001',
  Contact: '003',
  Opportunity: '006',
  Case: '500',
  Lead: '00Q',
  Contract: '800',
} as const;

export function keyPrefix(sobject: string): string {
  const prefix = SCHEMA[sobject]?.keyPrefix;
  if (!prefix) throw new Error(`the simulator schema has no sObject ${sobject}`);
  return prefix;
}
