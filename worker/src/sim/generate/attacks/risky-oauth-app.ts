/**
 * risky-oauth-app: a consent-phishing campaign. A connected app named like a known one
 * ("Sales Navigater Sync", one letter off Sales Navigator) appears, and within 45 minutes nine
 * people — an administrator among them — approve it (OauthToken rows, Remote Access 2.0
 * sign-ins); the app's server then reads contacts and opportunities with their tokens from a
 * VPS. Look-alike: a user approving Salesforce for Outlook, an app hundreds of colleagues use.
 */
import type { GenContext } from '../context';
import { emitApiTotalUsageRow } from '../event-logs/types/api-total-usage';
import { emitRestApiRow } from '../event-logs/types/rest-api';
import { API_DEVICE } from '../people/devices';
import type { Rng } from '../prng';
import { writeConnectedApp, writeOauthToken } from '../records/oauth';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, officePlace, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

const APP = 'Sales Navigater Sync';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const admin = ctx.users.find((u) => u.role === 'admin')!;
  const victims = [admin, ...ctx.people.claimMany(rng, ctx.users, 8, isDeskUser)];
  const start = localTime(ctx, victims[1] ?? admin, day, 11 * 60);
  const appId = writeConnectedApp(ctx, APP, start - 20 * MINUTE_MS, undefined);
  const server = ctx.pools.threat[3] ?? ctx.pools.threat[0]!;
  const tokens: string[] = [];
  const sessions: string[] = [];
  victims.forEach((user, i) => {
    const t = start + i * rng.int(3, 5) * MINUTE_MS;
    tokens.push(writeOauthToken(ctx, rng, user, APP, t, t + HOUR_MS));
    const session = signIn(ctx, rng, { user, timeMs: t + 30_000, place: server, device: API_DEVICE, kind: 'api', application: APP, durationMs: HOUR_MS, activity: false });
    sessions.push(session.sessionKey);
    for (const entity of ['Contact', 'Opportunity', 'Account']) {
      const at = t + rng.int(2, 20) * MINUTE_MS;
      emitRestApiRow(ctx, rng, session, at, { method: 'GET', uri: '/services/data/v62.0/query', entity, rows: 2000, connectedAppId: appId, clientName: APP });
      emitApiTotalUsageRow(ctx, rng, session, at, { family: 'REST', resource: '/v62.0/query', entity, method: 'GET', appId, appName: APP });
    }
  });
  ctx.labels.attack({
    // The app's server signs in with the victims' tokens from a threat-feed address: suspicious-ip and risky-ip-logon see the same sign-ins.
    policy: 'risky-oauth-app', alsoMatches: ['suspicious-ip', 'risky-ip-logon'], user: admin, ip: server.ip, fromMs: start - 20 * MINUTE_MS, toMs: start + victims.length * 5 * MINUTE_MS, severity: 'high',
    description: `new connected app "${APP}" (look-alike of Sales Navigator) is approved by ${victims.length} users in under an hour, including administrator ${admin.username}, and reads contacts and opportunities from ${server.ip}`,
    evidence: {
      app: APP, appId, lookAlikeOf: 'Sales Navigator', grantors: victims.map((u) => u.username), ips: [server.ip], sessionKeys: sessions,
      records: { OauthToken: tokens, ConnectedApplication: [appId] }, eventTypes: ['Login', 'RestApi', 'ApiTotalUsage'], counts: { grants: victims.length },
    },
  });
}

function commonApp(ctx: GenContext, rng: Rng, day: number): void {
  const user = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 9 * 60 + rng.int(0, 60)), place: officePlace(ctx, user), device: user.device, durationMs: 30 * MINUTE_MS, activity: false });
  const token = writeOauthToken(ctx, rng, user, 'Salesforce for Outlook', session.startMs + 5 * MINUTE_MS, session.startMs + DAY_MS);
  ctx.labels.lookAlike({
    policy: 'risky-oauth-app', user, fromMs: session.startMs, toMs: session.startMs + 5 * MINUTE_MS,
    description: `${user.username} approves Salesforce for Outlook`,
    whyBenign: 'an app installed for years and used by many colleagues; one grant, a standard user, office hours',
    evidence: { app: 'Salesforce for Outlook', records: { OauthToken: [token] } },
  });
}

export function riskyOauthAppScenario(): Scenario {
  return plannedScenario('risky-oauth-app', { attack, lookAlike: commonApp });
}
