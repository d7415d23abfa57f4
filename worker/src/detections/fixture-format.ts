/**
 * The fixture format every policy folder uses (`fixtures/*.json`): a batch of activities
 * (with `repeat` to write bursts compactly) and the alerts expected from it. A quiet fixture
 * expects none. Read by the contract test and by `scripts/new-detection`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Activity } from '../activity/activity';
import type { Sensitivity } from './types';

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
  /** Expected alerts: every listed property must match; [] means the fixture must stay quiet. */
  expect: Array<Record<string, unknown>>;
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
