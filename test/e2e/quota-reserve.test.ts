/**
 * The org-wide reserve: with other apps having used most of the daily allocation, a scan stops
 * at the reserve (never below it), waits, and finishes by itself once the rolling window frees
 * calls. Real Redis for the shared figure, the simulator over HTTP, jsforce underneath.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { parseConfig } from '../../worker/src/config';
import { silentLogger } from '../../worker/src/logger';
import { scan } from '../../worker/src/pipeline/scan';
import { OrgSimulator } from '../../worker/src/sim';
import { ACME } from '../helpers/cli';

const MAX = 1000;
const keyPrefix = `ow-test-${randomUUID().slice(0, 8)}`;
const RESERVE = 100; // 10% of MAX

let sim: OrgSimulator;
let redis: Redis;
let url: string;

beforeAll(async () => {
  sim = await OrgSimulator.load(ACME);
  ({ url } = await sim.start({ port: 0 }));
  redis = new Redis('redis://127.0.0.1:6379');
});

afterAll(async () => {
  const keys = await redis.keys(`${keyPrefix}:*`);
  if (keys.length) await redis.del(...keys);
  await redis.quit();
  await sim.stop();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('stops at the reserve while the allocation is used up and finishes once it is free again', async () => {
  // Other apps used 899 of 1000. The scan's first call (/limits, made to learn the figure) leaves
  // exactly the reserve; from then on nothing may go through until the allocation frees up.
  sim.setApiUsage(899, MAX);
  let finished = false;
  const running = scan({
    target: { kind: 'token', instanceUrl: url, accessToken: sim.issueAccessToken() },
    config: parseConfig({ redis: { keyPrefix } }),
    log: silentLogger(),
    redis,
    governor: { pollMs: 20, probeIntervalMs: 100, exhaustedProbeIntervalMs: 1_500 },
  }).finally(() => (finished = true));

  let highestUsed = 0;
  for (let waited = 0; waited < 900; waited += 10) {
    highestUsed = Math.max(highestUsed, sim.apiUsage.used);
    await sleep(10);
  }
  expect(finished).toBe(false);
  expect(highestUsed).toBe(MAX - RESERVE);

  // The rolling 24 h window frees calls: the held work resumes by itself.
  sim.setApiUsage(300, MAX);
  const result = await running;
  expect(result.alerts.map((a) => a.policy)).toEqual(['failed-logins']);
  expect(result.writeBackFailures).toBe(0);
});
