/**
 * `orgwarden sim generate`: writes a fixture org (DESIGN §4.3) with realistic activity and
 * planted attacks, plus `labels.json`. Day by day, user by user, everything streams to disk; the
 * only things held in memory are the people, the files' metadata and ~3 days of event log rows.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createReportCatalog } from './activity/report-catalog';
import { integrationDay } from './activity/integration-day';
import { roleHabits } from './activity/role-habits';
import { runUserDay } from './activity/user-day';
import { allScenarios } from './attacks/registry';
import type { Scenario } from './attacks/scenario';
import { dayStart, periodEnd, type GenContext } from './context';
import { ElfSink } from './event-logs/elf-sink';
import { GeoData } from './geo/geo-data';
import { IpPools } from './geo/ip-pools';
import { OFFICES, officeCount, wantedAsns } from './geo/world';
import { IdFactory } from './id-factory';
import { Journal } from './journal';
import { LabelBook } from './labels';
import type { GenerateOptions } from './options';
import { orgIdentity } from './org-identity';
import { writeFeeds, writeOrgJson, writeReadme, writeSampleConfig, writeSecurity } from './org-files';
import { RecordSinks } from './output/record-sinks';
import { createExternalUsers } from './people/external-users';
import { existingFiles, shapeHistories } from './people/lifecycle';
import { createUsers } from './people/users';
import { writeAccessCatalog, writeUsers } from './people/user-records';
import { UserDirectoryState } from './people/user-state';
import { Rng } from './prng';
import { FileStore } from './records/file-store';
import { writeExistingOauth } from './records/oauth';
import { RealtimeSink } from './realtime/realtime-sink';
import { isoZ } from './time';

export interface GenerateResult {
  records: Record<string, number>;
  eventLogRows: Record<string, number>;
  eventLogFiles: number;
  eventLogBytes: number;
  /** Real-Time Event Monitoring rows per storage object (Shield only; also counted in `records`). */
  realtimeEvents: Record<string, number>;
  attacks: number;
}

function periodOf(options: GenerateOptions): { startMs: number; endMs: number } {
  return { startMs: options.startMs, endMs: options.startMs + options.days * 86_400_000 };
}

function createContext(options: GenerateOptions, geo: GeoData): GenContext {
  const rng = new Rng(`orgwarden-sim:${options.seed}`);
  const org = orgIdentity(rng.fork('org'));
  const ids = new IdFactory(org.organizationId.slice(3, 5));
  const offices = OFFICES.slice(0, officeCount(options.users));
  const pools = new IpPools(geo, rng.fork('pools'), offices);
  const records = new RecordSinks(options.outDir);
  const ctx: GenContext = {
    options, rng, ids, org, geo, pools, records, users: [], externalUsers: [], people: new UserDirectoryState(),
    elf: new ElfSink(options.outDir, options.eventMonitoring, periodOf(options), options.seed),
    realtime: new RealtimeSink({ records, ids, enabled: options.eventMonitoring === 'shield', window: periodOf(options), seed: options.seed }),
    labels: new LabelBook(), journal: new Journal(), files: new FileStore(ids), accessIds: new Map(), appIds: new Map(),
    reports: createReportCatalog(rng.fork('reports'), ids), hr: [], allowedDomains: [],
  };
  ctx.users = createUsers({ rng: rng.fork('users'), ids, pools, offices, domain: org.domain, startMs: options.startMs }, options.users);
  ctx.accessIds = writeAccessCatalog(ctx);
  shapeHistories(ctx, rng.fork('histories'));
  existingFiles(ctx, rng.fork('files'));
  createExternalUsers(ctx, rng.fork('external'));
  writeExistingOauth(ctx, rng.fork('oauth'));
  return ctx;
}

function runDays(ctx: GenContext, scenarios: Scenario[]): void {
  for (let day = 0; day < ctx.options.days; day++) {
    const dayRng = ctx.rng.fork(`day:${day}`);
    for (const user of ctx.users) {
      const userRng = dayRng.fork(`user:${user.index}`);
      if (user.quiet || user.role === 'service-account') continue;
      if (user.role === 'integration') integrationDay(ctx, userRng, user, day);
      else roleHabits(ctx, userRng.fork('habits'), user, day, runUserDay(ctx, userRng, user, day));
    }
    for (const scenario of scenarios) scenario.onDay(ctx, dayRng.fork(`scenario:${scenario.policy}`), day);
    // Local days span UTC days on both sides; a UTC day is complete once the next day's users are done.
    ctx.elf.flushBefore(dayStart(ctx, day));
  }
  ctx.elf.flushBefore(periodEnd(ctx) + 86_400_000);
}

export function generateOrg(options: GenerateOptions, geo: GeoData = GeoData.load(wantedAsns())): GenerateResult {
  mkdirSync(options.outDir, { recursive: true });
  const ctx = createContext(options, geo);
  const scenarios = allScenarios();
  for (const scenario of scenarios) scenario.prepare(ctx, ctx.rng.fork(`prepare:${scenario.policy}`));
  runDays(ctx, scenarios);
  for (const scenario of scenarios) scenario.finish?.(ctx, ctx.rng.fork(`finish:${scenario.policy}`));
  writeUsers(ctx);
  ctx.files.write(ctx.records);
  ctx.records.closeAll();
  writeOrgJson(ctx);
  writeSecurity(ctx);
  writeFeeds(ctx, ctx.hr);
  writeSampleConfig(ctx, ctx.allowedDomains);
  const result: GenerateResult = {
    records: ctx.records.counts(), eventLogRows: Object.fromEntries([...ctx.elf.rowsByType].sort()), eventLogFiles: ctx.elf.files,
    eventLogBytes: ctx.elf.bytes, realtimeEvents: ctx.realtime.written(), attacks: ctx.labels.attackCount,
  };
  ctx.labels.write(path.join(options.outDir, 'labels.json'), {
    seed: options.seed, users: options.users, days: options.days, eventMonitoring: options.eventMonitoring,
    period: { from: isoZ(options.startMs), to: isoZ(periodEnd(ctx)) }, now: isoZ(options.nowMs), learningPeriodEnds: isoZ(dayStart(ctx, 7)),
    organizationId: ctx.org.organizationId,
  });
  writeReadme(ctx, `Planted attacks: ${result.attacks}. Records: ${Object.entries(result.records).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  return result;
}
