/**
 * The fixture format every policy folder uses (`fixtures/*.json`): a batch of activities
 * (with `repeat` to write bursts compactly) and the alerts expected from it. A quiet fixture
 * expects none. Read by the contract test and by `scripts/new-detection`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from '../activity/activity';
import { UserStates, type DirectoryUser } from '../enrichment/user-state';
import { MemoryKeyedState } from '../state/keyed-state';
import { environmentFromConfig } from './environment';
import { resolveSettings } from './run-policies';
import type { DetectionContext, DetectionEnvironment, Policy, Sensitivity } from './types';

export interface FixtureActivity extends Omit<Activity, 'timeMs' | 'ipTags' | 'orgId' | 'source'> {
  time: string;
  orgId?: string;
  source?: string;
  ipTags?: string[];
  /** Emit this activity `repeat` times, `everySeconds` apart (ids get `-n` suffixes). */
  repeat?: number;
  everySeconds?: number;
}

export interface PolicyFixture {
  file: string;
  description: string;
  sensitivity?: Sensitivity;
  thresholds?: Record<string, number>;
  activities: FixtureActivity[];
  /**
   * The user directory the users stream would have saved (active/frozen/terminated with times,
   * privileges); `changes[].at` and `terminatedAt` are ISO times.
   */
  users?: FixtureUser[];
  /** Config lists (defaults as in a config that does not set them). */
  allowedDomains?: string[];
  personalEmailDomains?: string[];
  /** Expected alerts: every listed property must match; [] means the fixture must stay quiet. */
  expect: Array<Record<string, unknown>>;
}

export interface FixtureUser extends Omit<DirectoryUser, 'changes' | 'terminatedAtMs' | 'privileges' | 'active' | 'frozen'> {
  active?: boolean;
  frozen?: boolean;
  privileges?: string[];
  changes?: Array<{ at: string; change: DirectoryUser['changes'][number]['change'] }>;
  terminatedAt?: string;
}

/** The environment a fixture describes (as the runner builds it from config and state). */
export function fixtureEnvironment(fixture: Pick<PolicyFixture, 'users' | 'allowedDomains' | 'personalEmailDomains'>): DetectionEnvironment {
  const env: DetectionEnvironment = {
    ...environmentFromConfig({ allowedDomains: fixture.allowedDomains ?? [], ...(fixture.personalEmailDomains ? { personalEmailDomains: fixture.personalEmailDomains } : {}) }),
  };
  if (fixture.users) {
    const users: DirectoryUser[] = fixture.users.map(({ changes, terminatedAt, active, frozen, privileges, ...rest }) => ({
      ...rest,
      active: active ?? true,
      frozen: frozen ?? false,
      privileges: privileges ?? [],
      changes: (changes ?? []).map((c) => ({ atMs: Date.parse(c.at), change: c.change })),
      ...(terminatedAt ? { terminatedAtMs: Date.parse(terminatedAt) } : {}),
    }));
    env.users = new UserStates({ takenAtMs: 0, users });
  }
  return env;
}

/** A detection context for a fixture (or a unit test): its sensitivity and thresholds, fresh memory state. */
export function fixtureContext(policy: Policy, fixture: Partial<Pick<PolicyFixture, 'sensitivity' | 'thresholds' | 'users' | 'allowedDomains' | 'personalEmailDomains'>> = {}): DetectionContext {
  const settings = resolveSettings(policy, { enabled: true, sensitivity: fixture.sensitivity ?? 'medium', thresholds: fixture.thresholds ?? {}, includeUsers: [], excludeUsers: [] });
  return { settings, state: new MemoryKeyedState(), env: fixtureEnvironment(fixture) };
}

export function loadFixtures(policyDir: string): PolicyFixture[] {
  const dir = join(policyDir, 'fixtures');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({ file: name, ...(JSON.parse(readFileSync(join(dir, name), 'utf8')) as Omit<PolicyFixture, 'file'>) }));
}

/** The fixture's activities; `source` defaults to the policy's first source, as the runner would pass them. */
export function expandActivities(fixture: PolicyFixture, defaultSource = 'fixture'): Activity[] {
  const out: Activity[] = [];
  for (const item of fixture.activities) {
    const { time, repeat = 1, everySeconds = 60, ...rest } = item;
    const start = Date.parse(time);
    for (let n = 0; n < repeat; n += 1) {
      out.push({
        orgId: '00D000000000001',
        source: defaultSource,
        ipTags: [],
        ...rest,
        id: repeat > 1 ? `${rest.id}-${n}` : rest.id,
        timeMs: start + n * everySeconds * 1000,
      });
    }
  }
  return out.sort((a, b) => a.timeMs - b.timeMs);
}
