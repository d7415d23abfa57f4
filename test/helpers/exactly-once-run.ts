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
import { CONSUMER_KEY, type ExactlyOnceOrg } from './exactly-once-org';
import { observe, type Observation } from './exactly-once-oracle';
import { startWorker, type WorkerProcess } from './worker-process';
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

  /** The EventLogFile Id of the org's busy hour (a fault rule's `path` can single it out). */
  bigFileId(): string {
    const [type, name] = this.org.bigFile.split('/') as [string, string];
    const logDate = `${name.slice(0, 13)}:00:00`;
    const file = this.sim.store.all('EventLogFile').find((f) => f.EventType === type && f.Interval === 'Hourly' && String(f.LogDate).startsWith(logDate));
    if (!file) throw new Error(`no EventLogFile for ${this.org.bigFile}`);
    return String(file.Id);
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

export async function deleteKeys(redis: Redis, pattern: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
