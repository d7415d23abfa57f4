/**
 * The long-running worker's per-org resources: one authenticated client per org (reused by
 * every job in the process), its Redis-backed quota governor, cursors and detection state.
 */
import type { Redis } from 'ioredis';
import type { Config, OrgConfig } from '../config';
import { env } from '../config';
import { createPolicyRunner, type PolicyRunner } from '../detections/run-policies';
import { enricherChain } from '../enrichment/enrichment-chain';
import { UserDirectory } from '../enrichment/user-directory';
import { OrgWardenError } from '../errors';
import type { Logger } from '../logger';
import { connect, type Connected } from '../salesforce/connect';
import { QuotaGovernor } from '../salesforce/quota-governor';
import { DEFAULT_QUOTA_PARAMS, type QuotaParams } from '../salesforce/quota-policy';
import { RedisQuotaStore, type QuotaStore } from '../salesforce/quota-store';
import { parseOrgArgument, tokenTarget, type Target } from '../salesforce/targets';
import { RedisStateLock, stateLockKey } from '../state/state-lock';
import { RedisStateStore } from '../state/state-store';
import type { PassDeps } from './stream-pass';

/** Inside a job, wait at most this long for allocation before handing the job back as delayed. */
const JOB_QUOTA_WAIT_MS = 30_000;

export interface OrgRuntime {
  name: string;
  connected: Connected;
  deps: PassDeps;
}

export function targetOf(org: OrgConfig): Target {
  if (org.target) return parseOrgArgument(org.target);
  if (org.jwt) return { kind: 'jwt', ...org.jwt };
  const token = org.accessTokenEnv ? env.secret(org.accessTokenEnv) : undefined;
  if (!org.instanceUrl || !token) {
    throw new OrgWardenError('TARGET_INVALID', `org ${org.name}: environment variable ${org.accessTokenEnv ?? '(accessTokenEnv)'} is not set`, {
      actions: [`export ${org.accessTokenEnv ?? 'SF_ACCESS_TOKEN'}=<session id> before starting the worker`],
    });
  }
  return tokenTarget(org.instanceUrl, token);
}

/** How an org's governor is made: queued jobs wait 30 s at most; `backfill` demotes its reads and waits. */
export type GovernorFactory = (store: QuotaStore, params: QuotaParams, log: Logger) => QuotaGovernor;

const jobGovernor: GovernorFactory = (store, params, log) => new QuotaGovernor(store, params, log, { maxWaitMs: JOB_QUOTA_WAIT_MS });

export class OrgRuntimes {
  private readonly runtimes = new Map<string, Promise<OrgRuntime>>();

  constructor(
    private readonly config: Readonly<Config>,
    private readonly redis: Redis,
    private readonly log: Logger,
    /** How an org entry is reached; the demo points it at the simulator it started. */
    private readonly resolveTarget: (org: OrgConfig) => Target = targetOf,
    private readonly makeGovernor: GovernorFactory = jobGovernor,
  ) {}

  get keyPrefix(): string {
    return this.config.redis.keyPrefix;
  }

  get(name: string): Promise<OrgRuntime> {
    let runtime = this.runtimes.get(name);
    if (!runtime) {
      runtime = this.open(name);
      runtime.catch(() => this.runtimes.delete(name)); // a failed connect is retried by the next job
      this.runtimes.set(name, runtime);
    }
    return runtime;
  }

  async closeAll(): Promise<void> {
    const open = await Promise.allSettled(this.runtimes.values());
    for (const result of open) if (result.status === 'fulfilled') await result.value.connected.close();
    this.runtimes.clear();
  }

  private async open(name: string): Promise<OrgRuntime> {
    const org = this.config.orgs.find((o) => o.name === name);
    if (!org) throw new OrgWardenError('TARGET_INVALID', `no org named "${name}" in the config`);
    const log = this.log.child({ org: name });
    const params = { ...DEFAULT_QUOTA_PARAMS, reservePercent: this.config.reservePercent, ...(this.config.ownSharePercent ? { ownSharePercent: this.config.ownSharePercent } : {}) };
    const connected = await connect(this.resolveTarget(org), {
      log,
      governorFor: (orgId) => this.makeGovernor(new RedisQuotaStore(this.redis, orgId, this.keyPrefix), params, log.child({ component: 'quota' })),
    });
    const { client } = connected;
    const policies: PolicyRunner = createPolicyRunner(this.config);
    const deps: PassDeps = { client, policies, enrichers: enricherChain(new UserDirectory(client), this.config, this.log), state: new RedisStateStore(this.redis, this.keyPrefix, client.orgId, { mirrorChars: this.config.redis.stateMirrorMB * 1_000_000 }), stateLock: new RedisStateLock(this.redis, stateLockKey(this.keyPrefix, client.orgId)), log, config: this.config };
    return { name, connected, deps };
  }
}
