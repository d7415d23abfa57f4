/** The org's saved reports: id, the object they report on, and their usual size in rows. */
import type { IdFactory } from '../id-factory';
import { REFERENCE_PREFIXES } from '../key-prefixes';
import type { Rng } from '../prng';

export interface ReportDef {
  id: string;
  name: string;
  entity: string;
  typicalRows: number;
  columns: number;
}

const NAMES: ReadonlyArray<readonly [string, string, number]> = [
  ['Open Pipeline by Stage', 'Opportunity', 400], ['Closed Won This Quarter', 'Opportunity', 150], ['My Open Cases', 'Case', 40],
  ['Case Aging', 'Case', 900], ['Accounts by Region', 'Account', 2500], ['New Leads This Week', 'Lead', 300],
  ['Contacts Missing Email', 'Contact', 600], ['Renewals Next 90 Days', 'Contract', 250], ['Support SLA Breaches', 'Case', 120],
  ['Activity by Rep', 'Task', 1500], ['Forecast Summary', 'Opportunity', 80], ['Top Accounts by Revenue', 'Account', 100],
];

/** Reports every org has, plus the large operational extracts sales operations run daily. */
export function createReportCatalog(rng: Rng, ids: IdFactory): { standard: ReportDef[]; bulk: ReportDef[] } {
  const make = (name: string, entity: string, rows: number): ReportDef => ({ id: ids.next(REFERENCE_PREFIXES.Report), name, entity, typicalRows: rows, columns: rng.int(6, 18) });
  return {
    standard: NAMES.map(([name, entity, rows]) => make(name, entity, rows)),
    bulk: [make('All Opportunities - Full Extract', 'Opportunity', 120_000), make('All Accounts and Contacts', 'Account', 90_000)],
  };
}
