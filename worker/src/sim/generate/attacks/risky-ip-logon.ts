/**
 * risky-ip-logon (template): a successful sign-in from an address in a range the org tags
 * `risky` (bulletproof hosting, orgwarden.yaml ipTags). Look-alike: a failed sign-in from the
 * other risky range — the template alerts on successful sign-ins only.
 */
import type { GenContext } from '../context';
import { ATTACKER_DEVICE } from '../people/devices';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { failures, isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';
import { slash24 } from '../geo/ipv4';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const risky = ctx.pools.risky[0]!;
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, rng.int(5 * 60, 6 * 60)), place: risky, device: ATTACKER_DEVICE, durationMs: 15 * MINUTE_MS });
  ctx.labels.attack({
    policy: 'risky-ip-logon', alsoMatches: ['anonymous-ip', 'infrequent-country', 'impossible-travel'], user: victim, ip: risky.ip,
    fromMs: session.startMs, toMs: session.startMs, severity: 'high',
    description: `${victim.username} signs in successfully from ${risky.ip} in ${slash24(risky.ip)}, tagged risky (bulletproof hosting, ${risky.geo.country})`,
    evidence: { ips: [risky.ip], taggedCidr: slash24(risky.ip), sessionKeys: [session.sessionKey], records: { LoginHistory: [session.loginHistoryId] }, eventTypes: ['Login'] },
  });
}

function failedOnly(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, isDeskUser);
  const risky = ctx.pools.risky[1] ?? ctx.pools.risky[0]!;
  const at = localTime(ctx, user, day, rng.int(4 * 60, 5 * 60));
  const ids = failures(ctx, rng, user, [at, at + 40_000], risky, ATTACKER_DEVICE);
  ctx.labels.lookAlike({
    policy: 'risky-ip-logon', user, ip: risky.ip, fromMs: at, toMs: at + 40_000,
    description: `two failed sign-ins for ${user.username} from risky-tagged ${risky.ip}; no success`,
    whyBenign: 'the template needs a successful sign-in; these attempts failed (the account was not accessed)',
    evidence: { ips: [risky.ip], records: { LoginHistory: ids }, counts: { failures: 2, successes: 0 } },
  });
}

export function riskyIpLogonScenario(): Scenario {
  return plannedScenario('risky-ip-logon', { attack, lookAlike: failedOnly });
}
