/**
 * file-shared-unauthorized-domain (template): a rep shares four pricing files with a community
 * user at a competitor's domain, which is not in `allowedDomains`. Look-alike: the same kind of
 * share with a partner user at the allowed partner domain.
 */
import type { GenContext } from '../context';
import { shareFile } from '../activity/file-habits';
import { createExternalUser, PARTNER_DOMAIN } from '../people/external-users';
import type { SimUser } from '../model';
import type { Rng } from '../prng';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, officePlace, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

export const RIVAL_DOMAIN = 'rival-analytics.example';

function shareMany(ctx: GenContext, rng: Rng, user: SimUser, recipient: SimUser, day: number, count: number, titles: string[]) {
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 15 * 60 + rng.int(0, 60)), place: officePlace(ctx, user), device: user.device, durationMs: HOUR_MS, activity: false });
  let t = session.startMs + 5 * MINUTE_MS;
  const links: string[] = [];
  for (let i = 0; i < count; i++) {
    t += rng.int(30_000, 120_000);
    const doc = ctx.files.create(rng, user.id, t - 60_000, `${rng.pick(titles)} ${i + 1}`);
    links.push(shareFile(ctx, rng, user, doc, recipient.id, t));
  }
  return { session, links, toMs: t };
}

export function unauthorizedDomainScenario(): Scenario {
  let rival: SimUser | undefined;
  return plannedScenario('file-shared-unauthorized-domain', {
    prepare(ctx, rng) {
      rival = createExternalUser(ctx, rng, `j.morgan@${RIVAL_DOMAIN}`, 'CspLitePortal', ctx.options.startMs - 40 * DAY_MS);
    },
    attack(ctx, rng, day) {
      const user = ctx.people.claim(rng, ctx.users, isDeskUser);
      const { session, links, toMs } = shareMany(ctx, rng, user, rival!, day, 4, ['Price list', 'Discount matrix', 'Pipeline export']);
      ctx.labels.attack({
        policy: 'file-shared-unauthorized-domain', user, fromMs: session.startMs, toMs, severity: 'high',
        description: `${user.username} shares ${links.length} pricing files with ${rival!.email} (${RIVAL_DOMAIN} is not an allowed domain)`,
        evidence: { recipient: rival!.email, recipientDomain: RIVAL_DOMAIN, records: { ContentDocumentLink: links }, eventTypes: ['ContentDocumentLink'] },
      });
    },
    lookAlike(ctx, rng, day) {
      const user = ctx.people.claim(rng, ctx.users, isDeskUser);
      const partner = ctx.externalUsers.find((u) => u.email.endsWith(`@${PARTNER_DOMAIN}`))!;
      const { session, links, toMs } = shareMany(ctx, rng, user, partner, day, 3, ['Delivery schedule', 'Shipping manifest']);
      ctx.labels.lookAlike({
        policy: 'file-shared-unauthorized-domain', user, fromMs: session.startMs, toMs: toMs + HOUR_MS / 60,
        description: `${user.username} shares ${links.length} delivery files with partner ${partner.email}`,
        whyBenign: `${PARTNER_DOMAIN} is in allowedDomains (orgwarden.yaml)`,
        evidence: { recipient: partner.email, recipientDomain: PARTNER_DOMAIN, records: { ContentDocumentLink: links } },
      });
    },
  });
}
