/**
 * session-hijacking: forty minutes into a user's office session, the same SESSION_KEY starts
 * making requests from a residential line abroad with a different browser (a stolen session
 * cookie, no new sign-in), interleaved with the user's own requests, and exports a report.
 * Shield records a SessionHijackingEventStore row. Look-alike: a phone's session whose carrier
 * address changes mid-session (same app, same country, same carrier).
 */
import type { GenContext } from '../context';
import { emitPageViewRow } from '../event-logs/types/lightning-page-view';
import { emitReportExportRow } from '../event-logs/types/report-export';
import { emitUriRow } from '../event-logs/types/uri';
import { recordRef } from '../id-factory';
import { REFERENCE_PREFIXES } from '../key-prefixes';
import type { Place, Session } from '../model';
import { ATTACKER_DEVICE } from '../people/devices';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, officePlace, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function requests(ctx: GenContext, rng: Rng, session: Session, fromMs: number, count: number): number {
  let t = fromMs;
  for (let i = 0; i < count; i++) {
    t += rng.int(40_000, 120_000);
    const id = recordRef(rng, REFERENCE_PREFIXES.Opportunity);
    emitPageViewRow(ctx, rng, session, t, id, 'Opportunity');
    emitUriRow(ctx, rng, session, t + 500, id, 'Opportunity');
  }
  return t;
}

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const office = officePlace(ctx, victim);
  const own = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 9 * 60 + rng.int(0, 30)), place: office, device: victim.device, durationMs: 3 * HOUR_MS, activity: false });
  requests(ctx, rng, own, own.startMs, 20);
  const thief: Place = ctx.pools.foreign(rng);
  const stolen: Session = { ...own, place: thief, device: ATTACKER_DEVICE };
  const from = own.startMs + 40 * MINUTE_MS;
  const last = requests(ctx, rng, stolen, from, 8);
  const report = rng.pick(ctx.reports.standard);
  emitReportExportRow(ctx, rng, stolen, last + MINUTE_MS, report.id);
  const previousPlatform = victim.device.platform === 'Mac OSX' ? 'MacIntel' : 'Win32';
  // SecurityEventData / Summary in the forms the Platform Events Developer Guide shows for this object.
  const changes = [
    { featureName: 'userAgent', featureContribution: '0.45 %', previousValue: victim.device.userAgent, currentValue: ATTACKER_DEVICE.userAgent },
    { featureName: 'ipAddress', featureContribution: '0.23 %', previousValue: office.ip, currentValue: thief.ip },
    { featureName: 'platform', featureContribution: '0.17 %', previousValue: previousPlatform, currentValue: 'Linux x86_64' },
    { featureName: 'screen', featureContribution: '0.08 %', previousValue: '(900.0,1440.0)', currentValue: '(1080.0,1920.0)' },
    { featureName: 'window', featureContribution: '0.07 %', previousValue: '789x1440', currentValue: '969x1903' },
  ];
  const event = ctx.realtime.threat('SessionHijackingEventStore', from + 2 * MINUTE_MS, {
    UserId: victim.id, Username: victim.username, SessionKey: own.sessionKey, LoginKey: own.loginKey, SourceIp: thief.ip,
    CurrentIp: thief.ip, PreviousIp: office.ip, CurrentUserAgent: ATTACKER_DEVICE.userAgent, PreviousUserAgent: victim.device.userAgent,
    CurrentPlatform: 'Linux x86_64', PreviousPlatform: previousPlatform,
    CurrentScreen: '(1080.0,1920.0)', PreviousScreen: '(900.0,1440.0)', CurrentWindow: '969x1903', PreviousWindow: '789x1440',
    Score: 0.97, Summary: "Changes to (userAgent, ipAddress, platform) were not expected based on this user's profile. These top 3 deviations contributed (1, 0.922, 0.695) to the total score, respectively",
    SecurityEventData: JSON.stringify(changes),
  });
  ctx.labels.attack({
    policy: 'session-hijacking', user: victim, ip: thief.ip, fromMs: from, toMs: last + MINUTE_MS, severity: 'high',
    description: `${victim.username}'s session (SESSION_KEY ${own.sessionKey}) is used from ${thief.ip} (${thief.geo.country}, headless Chrome on Linux) while the user keeps working from the office`,
    evidence: {
      sessionKeys: [own.sessionKey], ips: [office.ip, thief.ip], userAgents: [victim.device.userAgent, ATTACKER_DEVICE.userAgent],
      eventTypes: ['LightningPageView', 'URI', 'ReportExport'], records: { LoginHistory: [own.loginHistoryId], Report: [report.id] },
    },
    ...(event ? { realtimeEvent: event } : {}),
  });
}

function carrierDrift(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, (u) => isDeskUser(u) && u.usesMobile, isDeskUser);
  const first = ctx.pools.mobile(rng, user.mobileCountry);
  let second = ctx.pools.mobile(rng, user.mobileCountry);
  for (let i = 0; i < 5 && second.ip === first.ip; i++) second = ctx.pools.mobile(rng, user.mobileCountry);
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 8 * 60 + rng.int(0, 20)), place: first, device: user.mobileDevice, kind: 'mobile', durationMs: 40 * MINUTE_MS, activity: false });
  const mid = requests(ctx, rng, session, session.startMs, 5);
  const end = requests(ctx, rng, { ...session, place: second }, mid, 5);
  ctx.labels.lookAlike({
    policy: 'session-hijacking', user, fromMs: session.startMs, toMs: end,
    description: `${user.username}'s phone session moves from carrier address ${first.ip} to ${second.ip} on the commute`,
    whyBenign: 'same user agent (the Salesforce app), same country and mobile carrier: carrier NAT re-assignment, not a second client',
    evidence: { sessionKeys: [session.sessionKey], ips: [first.ip, second.ip], userAgents: [user.mobileDevice.userAgent] },
  });
}

export function sessionHijackingScenario(): Scenario {
  return plannedScenario('session-hijacking', { attack, lookAlike: carrierDrift });
}
