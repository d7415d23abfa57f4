/**
 * Applies the configured policies to a batch: enabled/disabled, include/exclude users,
 * sensitivity and threshold overrides. Each policy gets its own state namespace.
 */
import type { Activity } from '../activity/activity';
import type { Config, PolicyConfig } from '../config';
import type { UserStates } from '../enrichment/user-state';
import { batchKeyedState } from '../state/keyed-state';
import type { StateBatch } from '../state/state-store';
import { environmentFromConfig, loadUsers } from './environment';
import { POLICIES } from './registry';
import type { AlertDraft, DetectionEnvironment, Policy, PolicySettings } from './types';

export interface PolicyRunner {
  readonly policies: readonly Policy[];
  /** Runs every active policy on a batch; their state changes are staged in `batch`. */
  evaluate(activities: readonly Activity[], batch: StateBatch): Promise<AlertDraft[]>;
}

export function resolveSettings(policy: Policy, config: PolicyConfig | undefined): PolicySettings {
  const sensitivity = config?.sensitivity ?? 'medium';
  return { sensitivity, thresholds: { ...policy.thresholdsFor(sensitivity), ...(config?.thresholds ?? {}) } };
}

export function createPolicyRunner(config: Pick<Config, 'policies'> & Partial<Pick<Config, 'allowedDomains' | 'personalEmailDomains'>>, policies: readonly Policy[] = POLICIES): PolicyRunner {
  const baseEnv = environmentFromConfig({ allowedDomains: config.allowedDomains ?? [], personalEmailDomains: config.personalEmailDomains });
  const directory = new DirectoryCache();
  const active = policies
    .filter((policy) => config.policies[policy.meta.id]?.enabled !== false)
    .map((policy) => {
      const policyConfig = config.policies[policy.meta.id];
      const sources = new Set(policy.meta.sources);
      const users = userFilter(policyConfig);
      return {
        policy,
        settings: resolveSettings(policy, policyConfig),
        sources,
        filtersUsers: users !== undefined,
        accepts: users ? (a: Activity) => sources.has(a.source) && users(a) : (a: Activity) => sources.has(a.source),
      };
    });
  return {
    policies: active.map((entry) => entry.policy),
    async evaluate(activities, batch) {
      const alerts: AlertDraft[] = [];
      if (active.length === 0) return alerts;
      let env: DetectionEnvironment | undefined;
      // A page usually holds one source (one event log file, one query): most policies then take
      // all of it or none of it, without looking at each activity.
      const pageSources = sourcesOf(activities);
      for (const entry of active) {
        const wanted = [...pageSources].filter((source) => entry.sources.has(source)).length;
        if (wanted === 0) continue;
        const scoped = wanted === pageSources.size && !entry.filtersUsers ? activities : activities.filter(entry.accepts);
        if (scoped.length === 0) continue;
        if (!env) {
          const users = await directory.get(batch);
          env = { ...baseEnv, ...(users ? { users } : {}) };
        }
        const state = batchKeyedState(batch.scoped(`state:${entry.policy.meta.id}:`));
        alerts.push(...(await entry.policy.evaluate(scoped, { settings: entry.settings, state, env })));
      }
      return alerts;
    },
  };
}

/**
 * The distinct sources of a page. Rows of one source come in runs (a whole page, mostly), so a row
 * whose source is the previous row's is not added to the set again: one string comparison per row.
 */
function sourcesOf(activities: readonly Activity[]): Set<string> {
  const sources = new Set<string>();
  let previous: string | undefined;
  for (let i = 0; i < activities.length; i += 1) {
    const source = activities[i]!.source;
    if (source === previous) continue;
    sources.add(source);
    previous = source;
  }
  return sources;
}

/**
 * The org's user directory (one JSON value, megabytes in a large org) is read and indexed at most
 * once a minute, not once per page: the users stream refreshes it every 60 minutes anyway. Until
 * the first users pass saved one, it is looked for at every page.
 */
class DirectoryCache {
  private cached: { users: UserStates; atMs: number } | undefined;

  async get(batch: StateBatch): Promise<UserStates | undefined> {
    const now = Date.now();
    if (this.cached && now - this.cached.atMs < DIRECTORY_CACHE_MS) return this.cached.users;
    const users = await loadUsers(batch);
    this.cached = users ? { users, atMs: now } : undefined;
    return users;
  }
}

const DIRECTORY_CACHE_MS = 60_000;

/** include/exclude lists match a username (case-insensitive) or a user Id; undefined when the policy has neither. */
function userFilter(config: PolicyConfig | undefined): ((activity: Activity) => boolean) | undefined {
  const norm = (list: string[] | undefined) => new Set((list ?? []).map((u) => u.toLowerCase()));
  const include = norm(config?.includeUsers);
  const exclude = norm(config?.excludeUsers);
  if (include.size === 0 && exclude.size === 0) return undefined;
  const matches = (set: Set<string>, a: Activity) =>
    (a.username !== undefined && set.has(a.username.toLowerCase())) || (a.userId !== undefined && set.has(a.userId.toLowerCase()));
  return (activity) => (include.size === 0 || matches(include, activity)) && !matches(exclude, activity);
}
