/**
 * Faults on demand, as OrgSimulator offers them (`sim.faults`):
 *
 * ```ts
 * sim.faults.configure({ seed: 7, rules: [{ kind: 'http-error', status: 503, route: 'query', times: 3 }] });
 * sim.faults.add({ kind: 'reset', afterBytes: 65_536, times: 1 });
 * sim.faults.expireSessions();            // every session → 401 INVALID_SESSION_ID, refresh works
 * sim.faults.exhaustApiQuota();           // → 403 REQUEST_LIMIT_EXCEEDED
 * sim.faults.records;                     // which request got which fault
 * ```
 */
import { findUserByUsername } from '../auth/users';
import type { SimCore } from '../sim-core';
import { combinedFaultConfig } from './fault-config-file';
import type { FaultConfigInput, FaultRuleInput } from './fault-config';
import { FaultEngine, type RuleSummary } from './fault-engine';
import type { FaultRecord } from './fault-log';

export class SimFaults {
  constructor(private readonly engine: FaultEngine) {}

  /** Replaces the seed and every rule; counters and records start over. Throws FaultConfigError listing every problem. */
  configure(config: FaultConfigInput): void {
    this.engine.configure(config, 'configure()');
  }

  /** Adds rules after the existing ones; returns their ids. */
  add(...rules: FaultRuleInput[]): string[] {
    return this.engine.add(rules, 'add()').map((r) => r.id);
  }

  /** Removes every rule and forgets the records (the seed stays). */
  clear(): void {
    this.engine.clear();
  }

  get seed(): string {
    return this.engine.seed;
  }

  /** The rules in order, with how many requests each matched and struck. */
  get rules(): readonly RuleSummary[] {
    return this.engine.rules;
  }

  /** Every fault applied, oldest first. */
  get records(): readonly FaultRecord[] {
    return this.engine.records;
  }

  /** Ends every session (or one user's) as a timeout would; refresh tokens stay valid. Returns how many ended. */
  expireSessions(options: { username?: string } = {}): number {
    return this.engine.expireSessions(options);
  }

  /** Other apps use up the rest of the rolling 24 h allocation now; returns how many calls that took. */
  exhaustApiQuota(): number {
    return this.engine.exhaustQuota();
  }
}

/**
 * The engine OrgSimulator puts in its SimCore. It reaches the core through `core()` because the
 * core is built in the same expression; nothing is read until the first request.
 */
export function createFaultEngine(core: () => SimCore, fromOrg: FaultConfigInput | undefined, option: string | FaultConfigInput | undefined): FaultEngine {
  const deps = {
    get clock() {
      return core().clock;
    },
    get tokens() {
      return core().tokens;
    },
    get usage() {
      return core().usage;
    },
    userIdOf: (username: string) => findUserByUsername(core(), username)?.Id,
    timeFieldOf: (sobject: string) => core().schema.get(sobject)?.visibleFrom,
  };
  return new FaultEngine(deps, combinedFaultConfig(fromOrg, option), typeof option === 'string' ? option : 'faults');
}
