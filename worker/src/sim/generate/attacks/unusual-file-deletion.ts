/**
 * unusual-file-deletion: a sales rep who has never deleted more than a draft deletes 60 files in
 * a quarter of an hour through the REST API (ContentDocument rows flagged IsDeleted, visible to
 * queryAll; RestApi DELETE rows). Look-alike: the records manager's daily retention clean-up of
 * expired files (15–30 a day, every day).
 */
import type { GenContext } from '../context';
import { emitRestApiRow } from '../event-logs/types/rest-api';
import type { Rng } from '../prng';
import { MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

const DELETIONS = 60;

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 18 * 60 + rng.int(0, 30)), place: victim.home, device: victim.device, durationMs: 30 * MINUTE_MS, activity: false });
  const live = ctx.files.docs.filter((d) => d.deletedMs === undefined && d.createdMs < session.startMs);
  const own = live.filter((d) => d.ownerId === victim.id);
  const docs = [...own, ...rng.sample(live.filter((d) => d.ownerId !== victim.id), DELETIONS)].slice(0, DELETIONS);
  let t = session.startMs + 2 * MINUTE_MS;
  for (const doc of docs) {
    t += rng.int(8_000, 16_000);
    ctx.files.delete(doc, victim.id, t);
    emitRestApiRow(ctx, rng, session, t, { method: 'DELETE', uri: `/services/data/v62.0/sobjects/ContentDocument/${doc.id}`, entity: 'ContentDocument', rows: 1 });
  }
  ctx.labels.attack({
    policy: 'unusual-file-deletion', user: victim, ip: victim.home.ip, fromMs: session.startMs, toMs: t, severity: 'high',
    description: `${victim.username} deletes ${docs.length} files (${docs.length - Math.min(own.length, docs.length)} of them other people's) through the REST API in ${Math.round((t - session.startMs) / MINUTE_MS)} minutes`,
    evidence: { ips: [victim.home.ip], sessionKeys: [session.sessionKey], records: { ContentDocument: docs.map((d) => d.id) }, eventTypes: ['RestApi'], counts: { deleted: docs.length } },
  });
}

export function unusualFileDeletionScenario(): Scenario {
  return plannedScenario('unusual-file-deletion', {
    attack,
    lookAlike() {},
    finish(ctx) {
      const cleanup = ctx.journal.latest('retention-cleanup');
      if (!cleanup) return;
      ctx.labels.lookAlike({
        policy: 'unusual-file-deletion', user: cleanup.user, fromMs: cleanup.fromMs, toMs: cleanup.toMs,
        description: `records manager ${cleanup.user.username} deletes ${String(cleanup.evidence.counts?.['deleted'])} expired files (older than 180 days) in the daily retention clean-up`,
        whyBenign: 'the same clean-up runs every workday (the records manager\'s baseline), always of files past retention',
        evidence: cleanup.evidence,
      });
    },
  });
}
