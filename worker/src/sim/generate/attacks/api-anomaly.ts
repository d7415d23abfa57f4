/**
 * api-anomaly: a sales rep who never uses the API signs in with Data Loader from home at night
 * and pulls 1.2 million opportunity and contact rows through the Bulk API and SOAP queryMore;
 * Shield records an ApiAnomalyEventStore row. Look-alike: the ERP integration's nightly Bulk
 * API extract of about a million rows — the same every night.
 */
import type { GenContext } from '../context';
import { nightlyExtract } from '../activity/integration-day';
import { emitApiRow } from '../event-logs/types/api';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 23 * 60 + rng.int(0, 20)), place: victim.home, device: victim.device, kind: 'api', application: 'Dataloader Partner', durationMs: 50 * MINUTE_MS, activity: false });
  const t = session.startMs + 3 * MINUTE_MS;
  let rows = nightlyExtract(ctx, rng, session, t, 20);
  for (let i = 0; i < 40; i++) {
    emitApiRow(ctx, rng, session, t + 20 * MINUTE_MS + i * 20_000, { method: i === 0 ? 'query' : 'queryMore', entity: 'Contact', rows: 5000, clientName: 'DataLoaderPartnerUI/62.0', ...(i === 0 ? { query: 'SELECT Id, Name, Email, Phone, Account.Name FROM Contact' } : {}) });
    rows += 5000;
  }
  const end = t + 20 * MINUTE_MS + 40 * 20_000;
  const event = ctx.realtime.threat('ApiAnomalyEventStore', end, {
    UserId: victim.id, Username: victim.username, SessionKey: session.sessionKey, LoginKey: session.loginKey, SourceIp: victim.home.ip,
    Operation: 'Query', QueriedEntities: 'Opportunity, Contact', RowsProcessed: rows, RequestIdentifier: `${rng.token(21)}-`, Uri: '/services/data/v62.0/jobs/query',
    UserAgent: 'DataLoaderPartnerUI/62.0', Score: 0.95, Summary: `API requests retrieved an unusually high number of rows (${rows})`,
    // The feature list form the Platform Events Developer Guide shows for SecurityEventData.
    SecurityEventData: JSON.stringify([
      { featureName: 'rowCount', featureValue: String(rows), featureContribution: '96.10 %' },
      { featureName: 'periodOfDay', featureValue: 'Night', featureContribution: '2.20 %' },
      { featureName: 'userAgent', featureValue: 'DataLoaderPartnerUI/62.0', featureContribution: '1.70 %' },
    ]),
  });
  ctx.labels.attack({
    policy: 'api-anomaly', alsoMatches: ['report-anomaly'], user: victim, ip: victim.home.ip, fromMs: t, toMs: end, severity: 'high',
    description: `${victim.username} reads ${rows.toLocaleString('en-US')} rows through the Bulk API and SOAP queryMore with Data Loader at night; no API use before`,
    evidence: { ips: [victim.home.ip], sessionKeys: [session.sessionKey], eventTypes: ['BulkApi', 'API'], counts: { rows }, records: { LoginHistory: [session.loginHistoryId] } },
    ...(event ? { realtimeEvent: event } : {}),
  });
}

export function apiAnomalyScenario(): Scenario {
  return plannedScenario('api-anomaly', {
    attack,
    lookAlike() {},
    finish(ctx) {
      const entry = ctx.journal.latest('nightly-extract');
      if (!entry) return;
      ctx.labels.lookAlike({
        policy: 'api-anomaly', user: entry.user, fromMs: entry.fromMs, toMs: entry.toMs,
        description: `integration ${entry.user.username} runs its nightly Bulk API extract (${String(entry.evidence.counts?.['rows'])} rows)`,
        whyBenign: 'the same extract every night from the cloud integration (its baseline); an API-only integration user',
        evidence: entry.evidence,
      });
    },
  });
}
