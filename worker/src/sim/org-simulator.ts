/**
 * OrgSimulator: a fixture org served over the Salesforce REST API on 127.0.0.1, faithful enough
 * that unmodified jsforce and @salesforce/core work against it. OrgWarden's test bed and demo org.
 *
 * ```ts
 * const sim = await OrgSimulator.load('test/fixtures/acme', { now: new Date('2024-01-08T00:00:00Z') });
 * const { url } = await sim.start({ port: 0 });
 * const conn = new Connection({ instanceUrl: url, accessToken: sim.issueAccessToken(), version: '62.0' });
 * …
 * await sim.stop();
 * ```
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiUsage } from './api/api-usage';
import { QueryCursors } from './api/query-cursors';
import { connectedAppSettings } from './auth/connected-app';
import { openSession } from './auth/sessions';
import { TokenStore } from './auth/token-store';
import { canLogIn, findUserByUsername, runAsUser } from './auth/users';
import { SimClock } from './clock';
import { loadFixture, type LoadedFixture } from './fixture/fixture-loader';
import type { ConnectedAppConfig } from './fixture/org-config';
import type { PublicationSettings } from './eventlogs/publication-schedule';
import { createSimServer } from './http/http-server';
import { RequestLog, type RequestLogEntry } from './http/request-log';
import { IdSequence } from './ids';
import { OrgView } from './org-view';
import { RecordStore } from './record-store';
import type { SimSchema } from './schema/sim-schema';
import type { SimRecord } from './schema/types';
import { parseDateTime } from './sf-datetime';
import type { SimCore } from './sim-core';
import { executeSoql, type ExecuteSoql } from './soql';
import { Outbox, type SentEmail } from './actions/outbox';
import type { FaultConfigInput } from './faults/fault-config';
import { createFaultEngine, SimFaults } from './faults/sim-faults';
import { securityApis } from './fixture/security-fixture';

export interface OrgSimulatorOptions {
  /** SFDX package directory whose custom objects the org has; default the repository's `force-app`. */
  packageDir?: string;
  /** Simulated time at start; default org.json `now`, else the real time. */
  now?: Date;
  /** Simulated milliseconds per real millisecond (default 1). */
  clockRate?: number;
  /** Access-token lifetime in simulated time (default 2 h, Salesforce's default session timeout). */
  tokenTtlMs?: number;
  /** Connected-app settings; override org.json `connectedApp` field by field. */
  connectedApp?: ConnectedAppConfig;
  /** Username client-credentials tokens and {@link OrgSimulator.issueAccessToken} run as. */
  serviceAccount?: string;
  /** Gzip responses when the client accepts it (default true, as Salesforce). */
  compress?: boolean;
  /** The SOQL engine; default `worker/src/sim/soql`'s `executeSoql`. */
  executeSoql?: ExecuteSoql;
  /** Real-time source for the clock (tests). */
  realNowMs?: () => number;
  /** When event log files are published; overrides org.json `eventLogPublication` field by field. */
  eventLogPublication?: Partial<PublicationSettings>;
  /** Steady API calls per hour by the org's other apps; default org.json `apiRequests.otherAppsCallsPerHour`, else 0. */
  otherAppsCallsPerHour?: number;
  /** Faults on demand: a faults.json / faults.yaml path or the configuration; rules add to org.json `faults`. */
  faults?: string | FaultConfigInput;
}

const TWO_HOURS_MS = 2 * 3_600_000;

export class OrgSimulator {
  /** The simulated clock: `clock.setNow(date)` moves it, records appear as it passes their creation time. */
  readonly clock: SimClock;
  /** Every record (reads in tests: `store.all('Warden_Alert__c')`, `store.get(id)`). */
  readonly store: RecordStore;
  readonly schema: SimSchema;
  /** 18-character organization id. */
  readonly organizationId: string;
  /** Non-fatal notes from loading the fixture (files the org's licence does not expose, …). */
  readonly warnings: readonly string[];
  /** `security/<Name>.json` of the fixture, parsed. */
  readonly security: Readonly<Record<string, unknown>>;
  /** Faults on demand: HTTP errors, resets, slow or corrupt bodies, expired sessions, quota exhaustion. */
  readonly faults: SimFaults;
  private readonly core: SimCore;
  private server: Server | undefined;
  private origin = 'http://127.0.0.1';

  private constructor(fixture: LoadedFixture, options: OrgSimulatorOptions) {
    const configNow = fixture.config.now ? parseDateTime(fixture.config.now) : undefined;
    const start = options.now ?? configNow;
    this.clock = new SimClock({ ...(start ? { start } : {}), rate: options.clockRate ?? 1, ...(options.realNowMs ? { realNowMs: options.realNowMs } : {}) });
    this.schema = fixture.schema;
    this.store = new RecordStore(fixture.schema);
    for (const { sobject, record } of fixture.records) this.store.insert(sobject, record);
    for (const { record } of fixture.eventLogFiles) this.store.insert('EventLogFile', record);
    this.organizationId = fixture.organizationId;
    this.warnings = fixture.warnings;
    this.security = fixture.security;
    this.core = {
      schema: fixture.schema,
      store: this.store,
      view: new OrgView(this.store, this.clock, OrgView.retentionFor(fixture.config.eventMonitoring)),
      clock: this.clock,
      tokens: new TokenStore(fixture.organizationId, this.clock, options.tokenTtlMs ?? TWO_HOURS_MS),
      usage: new ApiUsage(this.clock, {
        max: fixture.config.apiRequests.max,
        used: fixture.config.apiRequests.used,
        otherAppsCallsPerHour: options.otherAppsCallsPerHour ?? fixture.config.apiRequests.otherAppsCallsPerHour ?? 0,
      }),
      cursors: new QueryCursors(this.clock),
      requestLog: new RequestLog(),
      ids: new IdSequence(),
      organizationId: fixture.organizationId,
      language: fixture.config.language,
      logFiles: new Map(fixture.eventLogFiles.map((e) => [e.record.Id, e.file])),
      executeSoql: options.executeSoql ?? executeSoql,
      connectedApp: connectedAppSettings(fixture.config.connectedApp, options.connectedApp, fixture.dir),
      serviceAccount: options.serviceAccount ?? fixture.config.serviceAccount,
      compress: options.compress ?? true,
      ...securityApis(fixture, this.store, this.clock),
      outbox: new Outbox(this.clock),
      faults: createFaultEngine(() => this.core, fixture.config.faults, options.faults),
      baseUrl: () => this.origin,
    };
    this.faults = new SimFaults(this.core.faults);
  }

  /** Loads and validates a fixture org directory (throws FixtureError listing every problem). */
  static async load(dir: string, options: OrgSimulatorOptions = {}): Promise<OrgSimulator> {
    const fixtureOptions = { ...(options.packageDir ? { packageDir: options.packageDir } : {}), ...(options.eventLogPublication ? { eventLogPublication: options.eventLogPublication } : {}) };
    return new OrgSimulator(loadFixture(dir, fixtureOptions), options);
  }

  /** Starts serving on 127.0.0.1 (`port` 0 or absent: any free port). */
  async start(options: { port?: number } = {}): Promise<{ url: string; port: number }> {
    if (this.server) throw new Error('the simulator is already started');
    const server = createSimServer(this.core);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.origin = `http://127.0.0.1:${port}`;
    return { url: this.origin, port };
  }

  /** Stops serving; open keep-alive connections are closed. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  /** `http://127.0.0.1:<port>` (the instance and login URL) once started. */
  get url(): string {
    return this.origin;
  }

  private loginUser(username?: string): SimRecord {
    const user = username ? findUserByUsername(this.core, username) : runAsUser(this.core);
    if (!canLogIn(this.core, user)) {
      throw new Error(username ? `no active, unfrozen user ${username} in the simulated org` : 'the simulated org has no active user to issue a token for (add records/User.json or set serviceAccount)');
    }
    return user;
  }

  /**
   * A valid access token (session id) for `username`, default the service account / first active
   * System Administrator — what a client would get from the token endpoint.
   */
  issueAccessToken(username?: string): string {
    return openSession(this.core, this.loginUser(username).Id, 'Remote Access 2.0').accessToken;
  }

  /** A refresh token for `username` (as the web-server flow would hand out), usable with grant_type=refresh_token. */
  issueRefreshToken(username?: string): string {
    return this.core.tokens.issueRefreshToken(this.loginUser(username).Id);
  }

  /** Revokes an access or refresh token (as `/services/oauth2/revoke` does). */
  revokeToken(token: string): boolean {
    return this.core.tokens.revoke(token);
  }

  /** API calls used / allowed in the rolling 24 h window. */
  get apiUsage(): { used: number; max: number } {
    return { used: this.core.usage.used, max: this.core.usage.max };
  }

  /**
   * Sets the calls used (and optionally the allocation), e.g. to exhaust or free it in a test. The
   * calls count as made now: they age out together 24 h of simulated time later.
   */
  setApiUsage(used: number, max?: number): void {
    this.core.usage.set(used, max);
  }

  /** Other apps of the org make `count` API calls now; returns how many the allocation let through. */
  burstOtherAppCalls(count: number): number {
    return this.core.usage.burst(count);
  }

  /** Other apps of the org call the API at a steady `callsPerHour` from now on (0 stops them). */
  setOtherAppsRate(callsPerHour: number): void {
    this.core.usage.setOtherAppsRate(callsPerHour);
  }

  /** Jumps the simulated clock (shorthand for `clock.setNow`). */
  setNow(date: Date): void {
    this.clock.setNow(date);
  }

  /** Requests answered so far, oldest first. */
  get requestLog(): readonly RequestLogEntry[] {
    return this.core.requestLog.entries;
  }

  clearRequestLog(): void {
    this.core.requestLog.clear();
  }

  /** Email the org sent through the `emailSimple` action, oldest first. */
  get sentEmails(): readonly SentEmail[] {
    return this.core.outbox.emails;
  }

  /** Forgets sent email (the day's SingleEmail allocation stays used). */
  clearSentEmails(): void {
    this.core.outbox.clear();
  }
}
