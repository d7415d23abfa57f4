/**
 * suspicious-ip: a user's account signs in from an address on the threat feed
 * (feeds/threat-ips.txt) and pulls contacts through the REST API. Look-alike: a developer signs
 * in from a cloud VPS in the same /24 as a listed address — same provider, not the listed host.
 */
import type { GenContext } from '../context';
import { emitRestApiRow } from '../event-logs/types/rest-api';
import { ATTACKER_DEVICE } from '../people/devices';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const bad = ctx.pools.threat[0]!;
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, rng.int(20 * 60, 22 * 60)), place: bad, device: ATTACKER_DEVICE, durationMs: 25 * MINUTE_MS, activity: false });
  for (let i = 0; i < 6; i++) {
    emitRestApiRow(ctx, rng, session, session.startMs + (i + 1) * 2 * MINUTE_MS, { method: 'GET', uri: '/services/data/v62.0/query', entity: 'Contact', rows: 2000 });
  }
  ctx.labels.attack({
    policy: 'suspicious-ip', alsoMatches: ['risky-ip-logon', 'infrequent-country', 'impossible-travel', 'anonymous-ip'], user: victim, ip: bad.ip,
    fromMs: session.startMs, toMs: session.endMs, severity: 'high',
    description: `${victim.username} signs in from threat-feed address ${bad.ip} (${bad.geo.country}) and queries 12,000 contacts through the REST API`,
    evidence: { ips: [bad.ip], feed: 'feeds/threat-ips.txt', sessionKeys: [session.sessionKey], records: { LoginHistory: [session.loginHistoryId] }, eventTypes: ['Login', 'RestApi'], counts: { rowsRead: 12_000 } },
  });
}

function neighbour(ctx: GenContext, rng: Rng, day: number): void {
  const place = ctx.pools.neighbourOf(ctx.pools.threat[1]!);
  if (!place) return;
  const user = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 14 * 60 + rng.int(0, 60)), place, device: user.device, durationMs: 40 * MINUTE_MS });
  ctx.labels.lookAlike({
    policy: 'suspicious-ip', user, ip: place.ip, fromMs: session.startMs, toMs: session.endMs,
    description: `${user.username} signs in from a cloud VPS (${place.ip}) in the same /24 as threat-feed address ${ctx.pools.threat[1]!.ip}`,
    whyBenign: 'threat feeds list single addresses; this one is not listed (a neighbour on the same hosting provider), and the user\'s usual browser',
    knownFalsePositiveOf: ['anonymous-ip'],
    evidence: { ips: [place.ip], listedNeighbour: ctx.pools.threat[1]!.ip, sessionKeys: [session.sessionKey] },
  });
}

export function suspiciousIpScenario(): Scenario {
  return plannedScenario('suspicious-ip', { attack, lookAlike: neighbour });
}
