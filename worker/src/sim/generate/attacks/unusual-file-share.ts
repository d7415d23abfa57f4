/**
 * unusual-file-share: a rep who never publishes files creates 25 public links (ContentDistribution)
 * in an hour late in the evening, to customer lists and price lists. Look-alike: marketing's daily
 * public links to brochures and case studies (3–8 a day, every day).
 */
import type { GenContext } from '../context';
import { publishLink } from '../activity/file-habits';
import type { Rng } from '../prng';
import { HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

const LINKS = 25;

function attack(ctx: GenContext, rng: Rng, day: number): void {
  const victim = ctx.people.claim(rng, ctx.users, isDeskUser);
  const session = signIn(ctx, rng, { user: victim, timeMs: localTime(ctx, victim, day, 21 * 60 + rng.int(0, 20)), place: victim.home, device: victim.device, durationMs: HOUR_MS, activity: false });
  let t = session.startMs + 3 * MINUTE_MS;
  const links: string[] = [];
  for (let i = 0; i < LINKS; i++) {
    t += rng.int(60_000, 140_000);
    const doc = ctx.files.create(rng, victim.id, t - 30_000, rng.pick(['Customer list', 'Price list', 'Pipeline export', 'Contract']) + ` ${i + 1}`);
    links.push(publishLink(ctx, rng, victim, doc, t));
  }
  ctx.labels.attack({
    policy: 'unusual-file-share', user: victim, ip: victim.home.ip, fromMs: session.startMs, toMs: t, severity: 'high',
    description: `${victim.username} creates ${LINKS} public links (customer lists, price lists) in ${Math.round((t - session.startMs) / MINUTE_MS)} minutes at night; usually none`,
    evidence: { records: { ContentDistribution: links }, eventTypes: ['ContentDistribution'], counts: { publicLinks: LINKS } },
  });
}

export function unusualFileShareScenario(): Scenario {
  return plannedScenario('unusual-file-share', {
    attack,
    lookAlike() {},
    finish(ctx) {
      const entry = ctx.journal.latest('public-links');
      if (!entry) return;
      ctx.labels.lookAlike({
        policy: 'unusual-file-share', user: entry.user, fromMs: entry.fromMs, toMs: entry.toMs,
        description: `marketing manager ${entry.user.username} publishes ${String(entry.evidence.counts?.['publicLinks'])} collateral files as public links`,
        whyBenign: 'marketing publishes 3-8 links every workday (its baseline), in office hours',
        evidence: entry.evidence,
      });
    },
  });
}
