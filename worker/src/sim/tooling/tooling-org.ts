/**
 * The org as the Tooling API sees it: the Tooling objects' rows (from `security/HealthCheck.json`)
 * and the Tooling query cursors, kept apart from the data API's so a locator only pages the API
 * that issued it.
 */
import { QueryCursors } from '../api/query-cursors';
import type { SimClock } from '../clock';
import type { FixtureProblem } from '../fixture/fixture-error';
import type { SimRecord } from '../schema/types';
import { healthCheckRows, type HealthCheckRows } from './health-check-fixture';
import { toolingSchema } from './tooling-schema';

export class ToolingOrg {
  readonly schema = toolingSchema;
  readonly cursors: QueryCursors;

  constructor(
    private readonly rows: HealthCheckRows,
    clock: SimClock,
  ) {
    this.cursors = new QueryCursors(clock);
  }

  /** Reads the Tooling rows out of the fixture's parsed `security/*.json`; problems are collected. */
  static fromSecurity(security: Readonly<Record<string, unknown>>, organizationId: string, clock: SimClock, problems: FixtureProblem[]): ToolingOrg {
    return new ToolingOrg(healthCheckRows(security['HealthCheck'], organizationId, problems), clock);
  }

  /** Rows of a Tooling object (canonical name); none for objects without data. */
  records(sobject: string): SimRecord[] {
    const name = this.schema.get(sobject)?.name;
    return name === 'SecurityHealthCheck' || name === 'SecurityHealthCheckRisks' ? this.rows[name] : [];
  }
}
