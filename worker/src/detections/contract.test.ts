/**
 * The conventions every policy keeps, checked here so reviewers don't have to: id = folder,
 * unique, documented (runbook, gaps, false positives, MITRE), thresholds sane, and fixtures —
 * at least two that must alert and two that must stay quiet — that really behave as labelled.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { toAlert } from '../alerts/alert';
import { expandActivities, fixtureContext, loadFixtures } from './fixture-format';
import { POLICIES } from './registry';

/** Folders that are libraries for the policies, not policies. */
const SHARED_FOLDERS = new Set(['baseline', 'shared']);
const policyFolders = readdirSync(__dirname).filter((name) => statSync(join(__dirname, name)).isDirectory() && !SHARED_FOLDERS.has(name));

describe('detection registry', () => {
  it('registers every policy folder exactly once, with ids equal to folder names', () => {
    const ids = POLICIES.map((p) => p.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...policyFolders].sort());
  });
});

describe.each(POLICIES.map((p) => [p.meta.id, p] as const))('policy %s', (id, policy) => {
  const { meta } = policy;

  it('documents what it catches, misses and how to respond', () => {
    expect(meta.name.length).toBeGreaterThan(5);
    expect(meta.description.length).toBeGreaterThan(40);
    expect(meta.runbook.length).toBeGreaterThan(0);
    expect(meta.knownGaps.length).toBeGreaterThan(0);
    expect(meta.falsePositives.length).toBeGreaterThan(0);
    expect(meta.dataSources.length).toBeGreaterThan(0);
    expect(meta.sources.length).toBeGreaterThan(0);
    for (const level of ['low', 'medium', 'high'] as const) expect(meta.sensitivity[level]).toBeTruthy();
  });

  it('names valid MITRE ATT&CK technique ids', () => {
    expect(meta.mitre.length).toBeGreaterThan(0);
    for (const technique of meta.mitre) expect(technique).toMatch(/^T\d{4}(\.\d{3})?$/);
  });

  it('has thresholds whose defaults lie within their bounds', () => {
    for (const spec of Object.values(meta.thresholds)) {
      expect(spec.min).toBeLessThanOrEqual(spec.default);
      expect(spec.default).toBeLessThanOrEqual(spec.max);
    }
  });

  const fixtures = existsSync(join(__dirname, id, 'fixtures')) ? loadFixtures(join(__dirname, id)) : [];

  it('has at least two alerting and two quiet fixtures', () => {
    expect(fixtures.filter((f) => f.expect.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(fixtures.filter((f) => f.expect.length === 0).length).toBeGreaterThanOrEqual(2);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('fixture %s behaves as labelled', async (_file, fixture) => {
    const drafts = await policy.evaluate(expandActivities(fixture, meta.sources[0]), fixtureContext(policy, fixture));
    const alerts = drafts.map((draft) => toAlert(draft, meta)).sort((a, b) => a.occurredAt.localeCompare(b.occurredAt));
    expect(alerts).toHaveLength(fixture.expect.length);
    fixture.expect.forEach((expected, i) => expect(alerts[i]).toMatchObject(expected));
  });
});
