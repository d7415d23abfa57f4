/**
 * One scenario of the exactly-once suite: the generated org served over HTTP by an in-process
 * simulator whose clock stands still (every run sees the same windows and the same published
 * log files, so runs are comparable to the record), `orgwarden run` child processes configured
 * against it with a Redis key prefix of their own, and the state they leave behind.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { StatusStore } from '../../worker/src/ops/status-store';
import { INGEST_QUEUE } from '../../worker/src/queues/names';
import { OrgSimulator, type OrgSimulatorOptions } from '../../worker/src/sim';
import { orgKey } from '../../worker/src/state/redis-keys';
import { STREAM_NAMES } from '../../worker/src/streams/stream';
import { CONSUMER_KEY, ELF_PAGE_ROWS, makeExactlyOnceOrg, type ExactlyOnceOrg } from './exactly-once-org';
import { observe, type Observation } from './exactly-once-oracle';
import { killAllWorkers, startWorker, type WorkerProcess } from './worker-process';
import { waitFor } from './wait-for';

export const SHARED_REDIS = 'redis://127.0.0.1:6379';
const TOKEN_ENV = 'OW_ONCE_ACCESS_TOKEN';

export interface ScenarioOptions {
  /** `token`: a bare access token (expiry is fatal); `jwt`: the JWT bearer flow, which re-authenticates. */
  auth?: 'token' | 'jwt';
  redisUrl?: string;
  sim?: OrgSimulatorOptions;
  /** Extra config keys (reservePercent …). */
  config?: Record<string, unknown>;
}

/** The event log cursor's part the suite looks at: the file being read, and how far its pages are committed. */
export interface ElfCursor {
  partial?: { file: { id: string; eventType: string; logDateMs: number }; unitsDone: number };
}

export class Scenario {
  readonly keyPrefix = `ow-once-${randomUUID().slice(0, 8)}`;
  readonly workers: WorkerProcess[] = [];
  private readonly tmp = mkdtempSync(join(tmpdir(), 'ow-once-run-'));
  private queue: Queue | undefined;

  private constructor(
    readonly org: ExactlyOnceOrg,
    readonly sim: OrgSimulator,
    readonly redis: Redis,
    private readonly env: NodeJS.ProcessEnv,
    readonly configFile: string,
  ) {}

  static async start(org: ExactlyOnceOrg, options: ScenarioOptions = {}): Promise<Scenario> {
    const sim = await OrgSimulator.load(org.dir, { clockRate: 0, ...options.sim });
    const { url } = await sim.start({ port: 0 });
    const redisUrl = options.redisUrl ?? SHARED_REDIS;
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    redis.on('error', () => undefined); // a Redis restarted by the test is reconnected to
    const env: NodeJS.ProcessEnv = {};
    let target: Record<string, unknown>;
    if (options.auth === 'jwt') {
      target = { jwt: { clientId: CONSUMER_KEY, username: org.serviceAccount, privateKeyFile: org.privateKeyFile, loginUrl: url } };
    } else {
      env[TOKEN_ENV] = sim.issueAccessToken();
      target = { instanceUrl: url, accessTokenEnv: TOKEN_ENV };
    }
    const scenario = new Scenario(org, sim, redis, env, '');
    const config = {
      orgs: [{ name: 'stark', ...target }],
      redis: { url: redisUrl, keyPrefix: scenario.keyPrefix },
      // Thresholds low enough that the org raises several alerts with different counts and
      // severities: a replayed page of sign-ins would change a count.
      policies: { 'failed-logins': { thresholds: { minFailures: 2, windowMinutes: 60 } } },
      // Small pages, so the big file spans several commits and a worker can die between them.
      eventLogs: { pageRows: ELF_PAGE_ROWS },
      ...options.config,
    };
    const configFile = join(scenario.tmp, 'orgwarden.json');
    writeFileSync(configFile, JSON.stringify(config));
    (scenario as { configFile: string }).configFile = configFile;
    return scenario;
  }

  startWorker(): WorkerProcess {
    const worker = startWorker(this.configFile, this.env);
    this.workers.push(worker);
    return worker;
  }

  private ingestQueue(): Queue {
    this.queue ??= new Queue(INGEST_QUEUE, { connection: this.redis, prefix: this.keyPrefix });
    return this.queue;
  }

  /**
   * Pauses the ingest queue (as an operator does from Bull Board): workers started now boot and
   * wait, so several can be running before any takes a job. Undo with resumeQueue().
   */
  async pauseQueue(): Promise<void> {
    await this.ingestQueue().pause();
  }

  async resumeQueue(): Promise<void> {
    await this.ingestQueue().resume();
  }

  /** The EventLogFile Id of the org's busy hour (a fault rule's `path` can single it out). */
  bigFileId(): string {
    const [type, name] = this.org.bigFile.split('/') as [string, string];
    const logDate = `${name.slice(0, 13)}:00:00`;
    const file = this.sim.store.all('EventLogFile').find((f) => f.EventType === type && f.Interval === 'Hourly' && String(f.LogDate).startsWith(logDate));
    if (!file) throw new Error(`no EventLogFile for ${this.org.bigFile}`);
    return String(file.Id);
  }

  /**
   * Slows the busy hour's file down (it trickles in at `bytesPerSecond`) so that a worker is
   * still downloading it after its first committed page; returns the fault rule's id.
   */
  slowBusyFile(bytesPerSecond = 400_000): string {
    const [id] = this.sim.faults.add({ id: 'slow-busy-file', kind: 'slow-body', bytesPerSecond, route: 'log-file', path: this.bigFileId() });
    return id!;
  }

  /** Waits until a page inside the busy file is committed (the cursor's partial file), and returns it. */
  async midBusyFile(timeoutMs = 60_000): Promise<NonNullable<ElfCursor['partial']>> {
    return waitFor('a committed page inside the busy file', async () => {
      const cursor = await this.cursor<ElfCursor>('eventlogs:EventLogFile');
      return cursor?.partial && cursor.partial.unitsDone >= ELF_PAGE_ROWS ? cursor.partial : undefined;
    }, { timeoutMs, everyMs: 20 });
  }

  async cursor<T>(name: string): Promise<T | undefined> {
    const text = await this.redis.get(orgKey(this.keyPrefix, this.org.orgId, `cursor:${name}`));
    return text ? (JSON.parse(text) as T) : undefined;
  }

  /** Every stream has finished a pass, no log file is half read, and no ingest job waits or runs. */
  async caughtUp(): Promise<boolean> {
    const store = new StatusStore(this.redis, this.keyPrefix);
    for (const stream of STREAM_NAMES) if ((await store.read(this.org.orgId, stream)).lastSuccessMs === undefined) return false;
    if ((await this.cursor<{ partial?: unknown }>('eventlogs:EventLogFile'))?.partial) return false;
    const counts = await this.ingestQueue().getJobCounts('waiting', 'prioritized', 'active');
    return (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.active ?? 0) === 0;
  }

  async waitUntilCaughtUp(timeoutMs = 60_000): Promise<void> {
    await waitFor('every stream to finish its first pass', () => this.caughtUp(), { timeoutMs, everyMs: 250 });
  }

  /** Stops every worker cleanly (their last Warden_Status__c records are written), then reads what they left. */
  async finish(): Promise<Observation> {
    for (const worker of this.workers) if (!worker.exited()) expect(await worker.stop()).toBe(0);
    return observe(this.sim, this.redis, this.keyPrefix, this.org.orgId);
  }

  async cleanup(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.kill()));
    await this.queue?.close().catch(() => undefined);
    await deleteKeys(this.redis, `${this.keyPrefix}:*`).catch(() => undefined);
    this.redis.disconnect();
    await this.sim.stop();
    rmSync(this.tmp, { recursive: true, force: true });
  }
}

/**
 * Runs `body` on a scenario of its own and always cleans up after it — its workers killed, its
 * keys deleted, its simulator stopped — so scenarios can run side by side (`it.concurrent`).
 */
export async function withScenario<T>(org: ExactlyOnceOrg, options: ScenarioOptions, body: (scenario: Scenario) => Promise<T>): Promise<T> {
  const scenario = await Scenario.start(org, options);
  try {
    return await body(scenario);
  } finally {
    await scenario.cleanup();
  }
}

/** The clean run every scenario is judged against: one worker, no faults, until every stream caught up. */
export async function baselineRun(org: ExactlyOnceOrg, options: ScenarioOptions = {}): Promise<Observation> {
  return withScenario(org, options, async (scenario) => {
    const worker = scenario.startWorker();
    await scenario.waitUntilCaughtUp(150_000).catch((err: Error) => {
      const passes = worker.logs.filter((l) => l.msg === 'stream pass done' || (l.level ?? 0) >= 40).map((l) => `${l.msg} ${String(l.stream ?? '')}`);
      throw new Error(`baseline: ${err.message}; the worker logged: ${passes.join(', ') || 'nothing yet'}`);
    });
    return scenario.finish();
  });
}

/**
 * A test file's generated org and its clean baseline run, started in beforeAll (side by side with
 * the file's scenarios) and removed in afterAll with every worker still running.
 */
export function useBaselineOrg(): { readonly org: ExactlyOnceOrg; readonly baseline: Promise<Observation> } {
  const shared = {} as { org: ExactlyOnceOrg; baseline: Promise<Observation> };
  beforeAll(() => {
    shared.org = makeExactlyOnceOrg();
    shared.baseline = baselineRun(shared.org);
    shared.baseline.catch(() => undefined); // reported by the test that awaits it
  });
  afterAll(async () => {
    await killAllWorkers();
    shared.org?.remove();
  });
  return shared;
}

export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
