/**
 * password-spray: one foreign address tries one common password against 18 accounts in four
 * minutes (one failure each, so no per-user burst), and one weak password works — the org's
 * Shield records that success as a CredentialStuffingEventStore row. Look-alike: Monday after
 * a forced password reset, six people behind the same office NAT address mistype their new
 * password over 40 minutes (few users, spread out, known corporate address).
 */
import type { GenContext } from '../context';
import { ATTACKER_DEVICE } from '../people/devices';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { failures, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

const TARGETS = 18;

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const place = ctx.pools.foreign(rng);
  const candidates = ctx.users.filter((u) => u.role !== 'service-account' && u.role !== 'integration' && u.deactivatedMs === undefined && u.frozenMs === undefined);
  const targets = rng.sample(candidates, Math.min(TARGETS, candidates.length));
  const start = localTime(ctx, targets[0]!, day, rng.int(2 * 60, 4 * 60), 'UTC');
  let t = start;
  const loginIds: string[] = [];
  for (const target of targets) {
    loginIds.push(...failures(ctx, rng, target, [t], place, ATTACKER_DEVICE));
    t += rng.int(6_000, 13_000);
  }
  const lucky = targets[targets.length - 1]!;
  const session = signIn(ctx, rng, { user: lucky, timeMs: t + 20_000, place, device: ATTACKER_DEVICE, durationMs: 6 * MINUTE_MS, activity: false });
  // Score: "The value of this field is always 1"; Summary as the guide's example (Platform Events Developer Guide).
  const event = ctx.realtime.threat('CredentialStuffingEventStore', session.startMs, {
    AcceptLanguage: 'en-US,en;q=0.9', LoginKey: session.loginKey, LoginType: 'Application', LoginUrl: ctx.org.myDomain, Score: 1,
    SessionKey: session.sessionKey, SourceIp: place.ip, Summary: 'Successful login from Credential Stuffing attack.',
    UserAgent: ATTACKER_DEVICE.userAgent, UserId: lucky.id, Username: lucky.username,
  });
  ctx.labels.attack({
    // The label names the account the attacker got into: the spray alert, and the foreign sign-in's
    // suspicious-ip (the org saw the address spraying), infrequent-country and impossible-travel alerts, are about that user.
    policy: 'password-spray', alsoMatches: ['suspicious-ip', 'infrequent-country', 'impossible-travel'], user: lucky, ip: place.ip, fromMs: start, toMs: session.startMs, severity: 'high',
    description: `${place.ip} (${place.geo.country}) fails one sign-in each against ${targets.length} accounts in ${Math.round((t - start) / MINUTE_MS)} min; the last one (${lucky.username}) then succeeds`,
    evidence: {
      ips: [place.ip], countries: [place.geo.countryIso], eventTypes: ['Login'], sessionKeys: [session.sessionKey],
      targets: targets.map((u) => u.username), records: { LoginHistory: [...loginIds, session.loginHistoryId] },
      counts: { distinctUsers: targets.length, failures: targets.length, successes: 1 },
    },
    ...(event ? { realtimeEvent: event } : {}),
  });
}

function officeMorning(ctx: GenContext, rng: Rng, day: number): void {
  const office = ctx.pools.offices[0]!;
  const people = ctx.users.filter((u) => u.office === office.office && u.role === 'standard' && u.deactivatedMs === undefined);
  const chosen = rng.sample(people, Math.min(6, people.length));
  const start = localTime(ctx, chosen[0]!, day, 8 * 60 + 40);
  const ip = office.egress[0]!;
  let last = start;
  for (const user of chosen) {
    const at = start + rng.int(0, 40) * MINUTE_MS;
    failures(ctx, rng, user, [at], ip, user.device);
    signIn(ctx, rng, { user, timeMs: at + rng.int(20_000, 60_000), place: ip, device: user.device, durationMs: 2 * 60 * MINUTE_MS });
    last = Math.max(last, at);
  }
  ctx.labels.lookAlike({
    policy: 'password-spray', ip: ip.ip, fromMs: start, toMs: last,
    description: `${chosen.length} people at the ${office.office.city} office mistype their new password once each over 40 minutes, all behind egress ${ip.ip}`,
    whyBenign: `${chosen.length} distinct users (< 15) over 40 minutes (not 5), each followed by their own successful sign-in, from the corporate egress address`,
    evidence: { ips: [ip.ip], users: chosen.map((u) => u.username), counts: { distinctUsers: chosen.length } },
  });
}

export function passwordSprayScenario(): Scenario {
  return plannedScenario('password-spray', { attack, lookAlike: officeMorning });
}
