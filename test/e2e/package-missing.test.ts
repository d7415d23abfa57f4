/**
 * An org without the OrgWarden package: the scan still delivers every alert it found, says
 * what to fix, and reports the failure instead of pretending the write-back happened.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { parseConfig } from '../../worker/src/config';
import { silentLogger } from '../../worker/src/logger';
import { scan } from '../../worker/src/pipeline/scan';
import { OrgSimulator } from '../../worker/src/sim';
import { ACME } from '../helpers/cli';

// Each test spawns or runs whole scans; a loaded CI machine needs more than Jest's 5 s default.
jest.setTimeout(120_000);

it('keeps the alerts and reports them unwritten when Warden_Alert__c does not exist in the org', async () => {
  const emptyPackage = mkdtempSync(join(tmpdir(), 'ow-nopkg-'));
  const sim = await OrgSimulator.load(ACME, { packageDir: emptyPackage });
  const { url } = await sim.start({ port: 0 });
  const redis = new Redis('redis://127.0.0.1:6379');
  const keyPrefix = `ow-test-${randomUUID().slice(0, 8)}`;
  try {
    const result = await scan({
      target: { kind: 'token', instanceUrl: url, accessToken: sim.issueAccessToken() },
      config: parseConfig({ redis: { keyPrefix } }),
      log: silentLogger(),
      redis,
    });
    expect(result.alerts).toEqual([expect.objectContaining({ policy: 'failed-logins', count: 14 })]);
    expect(result.writeBackFailures).toBe(1);
    const [failure] = result.passes.find((pass) => pass.stream === 'logins')!.writeBack.failed;
    expect(failure!.key).toBe(result.alerts[0]!.key);
    expect(failure!.errors[0]!.statusCode).toMatch(/NOT_FOUND|INVALID_TYPE/);
  } finally {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await sim.stop();
  }
});
