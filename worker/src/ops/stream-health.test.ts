import { streamHealth, type StreamHealthInput } from './stream-health';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const min = (n: number) => n * 60_000;
/** The logins stream, read 2 minutes ago. */
const healthy: StreamHealthInput = { pollIntervalMinutes: 15, nowMs: NOW, coveredUntilMs: NOW - min(2), consecutiveFailures: 0 };

it.each<[string, Partial<StreamHealthInput>, string, RegExp]>([
  ['a fresh successful pass', {}, 'Healthy', /up to date/],
  ['one failed attempt', { consecutiveFailures: 1, lastErrorCode: 'SF_UNAVAILABLE' }, 'Degraded', /1 failed attempt in a row, retrying/],
  ['two failed attempts', { consecutiveFailures: 2, lastErrorCode: 'SF_UNAVAILABLE' }, 'Degraded', /2 failed attempts/],
  ['three failed attempts', { consecutiveFailures: 3, lastErrorCode: 'SF_UNAVAILABLE' }, 'Failing', /3 failed attempts in a row/],
  ['one failure that needs a person', { consecutiveFailures: 1, lastErrorCode: 'SF_AUTH_FAILED' }, 'Failing', /SF_AUTH_FAILED: needs a person/],
  ['an old auth error after a success', { consecutiveFailures: 0, lastErrorCode: 'SF_AUTH_FAILED' }, 'Healthy', /up to date/],
  ['held at the API reserve', { heldSinceMs: NOW - min(5) }, 'Degraded', /held back/],
  ['31 min behind (2 intervals = 30)', { coveredUntilMs: NOW - min(31) }, 'Degraded', /31 min behind the org clock \(limit 30\)/],
  ['exactly 2 intervals behind', { coveredUntilMs: NOW - min(30) }, 'Healthy', /up to date/],
  ['121 min behind (8 intervals = 120)', { coveredUntilMs: NOW - min(121) }, 'Failing', /121 min behind the org clock \(limit 120\)/],
  ['held for hours', { heldSinceMs: NOW - min(200), coveredUntilMs: NOW - min(200) }, 'Failing', /200 min behind/],
  ['a query answered INVALID_TYPE', { consecutiveFailures: 1, lastErrorCode: 'SF_API_ERROR', unavailable: true }, 'Not_Available', /licence or edition/],
  ['every source not available', { sourceState: 'not-available', sourceDetail: 'EventLogFile: no Event Monitoring' }, 'Not_Available', /EventLogFile: no Event Monitoring/],
  ['one source in a fallback mode', { sourceState: 'degraded', sourceDetail: 'LoginGeo: not readable' }, 'Degraded', /LoginGeo: not readable/],
])('%s → %s', (_case, change, state, reason) => {
  const health = streamHealth({ ...healthy, ...change });
  expect(health.state).toBe(state);
  expect(health.reason).toMatch(reason);
});

it('reports the lag in whole minutes, and none before the first success', () => {
  expect(streamHealth({ ...healthy, coveredUntilMs: NOW - min(47) - 59_000 }).lagMinutes).toBe(47);
  expect(streamHealth({ ...healthy, coveredUntilMs: undefined, consecutiveFailures: 1 })).toEqual({ state: 'Degraded', reason: '1 failed attempt in a row, retrying' });
});
