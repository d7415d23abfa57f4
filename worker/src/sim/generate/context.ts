/**
 * Everything one generation run shares: options, the seeded generator, ids, the GeoIP data and
 * address pools, the people, and the output sinks (record files, event log files, labels).
 */
import type { ReportDef } from './activity/report-catalog';
import type { ElfSink } from './event-logs/elf-sink';
import type { GeoData } from './geo/geo-data';
import type { IpPools } from './geo/ip-pools';
import type { IdFactory } from './id-factory';
import type { Journal } from './journal';
import type { LabelBook } from './labels';
import type { HrTermination } from './org-files';
import type { SimUser } from './model';
import type { GenerateOptions } from './options';
import type { RecordSinks } from './output/record-sinks';
import type { FileStore } from './records/file-store';
import type { UserDirectoryState } from './people/user-state';
import type { Rng } from './prng';
import type { RealtimeSink } from './realtime/realtime-sink';
import { DAY_MS } from './time';

export interface OrgIdentity {
  organizationId: string;
  orgId15: string;
  /** Company e-mail/username domain, e.g. `northwind.example`. */
  domain: string;
  /** My Domain host (LoginHistory.LoginUrl, ELF LOGIN_URL). */
  myDomain: string;
  companyName: string;
}

export interface GenContext {
  options: GenerateOptions;
  rng: Rng;
  ids: IdFactory;
  org: OrgIdentity;
  geo: GeoData;
  pools: IpPools;
  users: SimUser[];
  /** Partner and customer community users (file-sharing recipients). */
  externalUsers: SimUser[];
  people: UserDirectoryState;
  records: RecordSinks;
  elf: ElfSink;
  /** Real-Time Event Monitoring storage rows and Threat Detection events (Shield). */
  realtime: RealtimeSink;
  labels: LabelBook;
  /** Notable benign events, for look-alike labels. */
  journal: Journal;
  files: FileStore;
  /** Profile / permission set name → id. */
  accessIds: Map<string, string>;
  /** Connected app name → ConnectedApplication id. */
  appIds: Map<string, string>;
  reports: { standard: ReportDef[]; bulk: ReportDef[] };
  /** Rows of the HR termination feed (`hr/terminated.csv`). */
  hr: HrTermination[];
  /** Partner domains files may be shared with (orgwarden.yaml `allowedDomains`). */
  allowedDomains: string[];
}

/** Midnight UTC that starts generated day `day` (0-based). */
export function dayStart(ctx: GenContext, day: number): number {
  return ctx.options.startMs + day * DAY_MS;
}

/** End of the generated period (exclusive). */
export function periodEnd(ctx: GenContext): number {
  return ctx.options.startMs + ctx.options.days * DAY_MS;
}

/** Days on which planted attacks may happen: after the 7-day learning period, within the last week, not the last day. */
export function attackDays(ctx: GenContext): number[] {
  const last = ctx.options.days - 2;
  const first = Math.max(7, ctx.options.days - 7);
  const out: number[] = [];
  for (let d = first; d <= last; d++) out.push(d);
  return out;
}

export function userById(ctx: GenContext, id: string): SimUser | undefined {
  return ctx.users.find((u) => u.id === id) ?? ctx.externalUsers.find((u) => u.id === id);
}
