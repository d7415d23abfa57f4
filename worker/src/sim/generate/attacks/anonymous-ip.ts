/**
 * anonymous-ip: a user's account signs in through a Tor exit relay (listed in
 * feeds/tor-exits.txt, a hosting network) at night and exports a report. Look-alike: the
 * corporate VPN gateway — also a hosting provider's address, but dozens of employees sign in
 * through it every day.
 */
import type { GenContext } from '../context';
import { emitReportExportRow } from '../event-logs/types/report-export';
import { ATTACKER_DEVICE } from '../people/devices';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const exit = rng.pick(ctx.pools.torExits);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, rng.int(2 * 60, 4 * 60)), place: exit, device: ATTACKER_DEVICE, durationMs: 30 * MINUTE_MS });
  const report = rng.pick(ctx.reports.standard);
  emitReportExportRow(ctx, rng, session, session.startMs + 12 * MINUTE_MS, report.id);
  ctx.labels.attack({
    policy: 'anonymous-ip', alsoMatches: ['risky-ip-logon', 'infrequent-country', 'impossible-travel'], user: victim, ip: exit.ip,
    fromMs: session.startMs, toMs: session.endMs, severity: 'high',
    description: `${victim.username} signs in through Tor exit ${exit.ip} (${exit.geo.country}) at night and exports "${report.name}"`,
    evidence: { ips: [exit.ip], countries: [exit.geo.countryIso], feed: 'feeds/tor-exits.txt', sessionKeys: [session.sessionKey], records: { LoginHistory: [session.loginHistoryId], Report: [report.id] }, eventTypes: ['Login', 'ReportExport'] },
  });
}

function sharedVpn(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, (u) => isDeskUser(u) && u.vpn, isDeskUser);
  const gateway = ctx.pools.vpnGateways[user.vpnGateway]!;
  const sharers = ctx.users.filter((u) => u.vpn && u.vpnGateway === user.vpnGateway).length;
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 9 * 60 + rng.int(0, 40)), place: gateway, device: user.device, durationMs: 3 * HOUR_MS });
  ctx.labels.lookAlike({
    policy: 'anonymous-ip', user, ip: gateway.ip, fromMs: session.startMs, toMs: session.endMs,
    description: `${user.username} works from home through the corporate VPN gateway ${gateway.ip} (a hosting provider's address in ${gateway.geo.country})`,
    whyBenign: `${sharers} org users sign in through this address (suppressed when many org users share it); tagged vpn in orgwarden.yaml`,
    evidence: { ips: [gateway.ip], counts: { usersSharingIp: sharers }, sessionKeys: [session.sessionKey] },
  });
}

export function anonymousIpScenario(): Scenario {
  return plannedScenario('anonymous-ip', { attack, lookAlike: sharedVpn });
}
