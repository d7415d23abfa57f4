/**
 * file-shared-personal-email (template): a rep shares customer files with a community account
 * they registered with their own gmail.com address. Look-alike: a share with a customer whose
 * corporate domain merely starts with a webmail brand (gmx-logistics.example) — an exact
 * domain list must not flag it.
 */
import type { GenContext } from '../context';
import { shareFile } from '../activity/file-habits';
import { createExternalUser } from '../people/external-users';
import type { SimUser } from '../model';
import type { Rng } from '../prng';
import { DAY_MS, HOUR_MS, MINUTE_MS } from '../time';
import { isDeskUser, localTime, officePlace, plannedScenario, signIn } from './kit';
import type { Scenario } from './scenario';

const LOOKALIKE_DOMAIN = 'gmx-logistics.example';

function share(ctx: GenContext, rng: Rng, user: SimUser, recipient: SimUser, day: number, count: number) {
  const session = signIn(ctx, rng, { user, timeMs: localTime(ctx, user, day, 17 * 60 + rng.int(0, 40)), place: officePlace(ctx, user), device: user.device, durationMs: HOUR_MS, activity: false });
  let t = session.startMs + 3 * MINUTE_MS;
  const links: string[] = [];
  for (let i = 0; i < count; i++) {
    t += rng.int(30_000, 90_000);
    const own = ctx.files.ownedBy(user.id).filter((d) => d.deletedMs === undefined && d.createdMs < t);
    const doc = own[i] ?? ctx.files.create(rng, user.id, t - 60_000);
    links.push(shareFile(ctx, rng, user, doc, recipient.id, t));
  }
  return { session, links, toMs: t };
}

export function personalEmailScenario(): Scenario {
  let personal: SimUser | undefined;
  let customer: SimUser | undefined;
  let owner: SimUser | undefined;
  return plannedScenario('file-shared-personal-email', {
    prepare(ctx, rng) {
      owner = ctx.people.claim(rng, ctx.users, isDeskUser);
      const local = `${owner.firstName}.${owner.lastName}.home${rng.int(10, 99)}`.toLowerCase().normalize('NFD').replace(/[^a-z0-9.]/g, '');
      personal = createExternalUser(ctx, rng, `${local}@gmail.com`, 'CspLitePortal', ctx.options.startMs - 20 * DAY_MS);
      customer = createExternalUser(ctx, rng, `procurement@${LOOKALIKE_DOMAIN}`, 'CspLitePortal', ctx.options.startMs - 200 * DAY_MS);
      ctx.allowedDomains.push(LOOKALIKE_DOMAIN);
    },
    attack(ctx, rng, day) {
      const { session, links, toMs } = share(ctx, rng, owner!, personal!, day, 5);
      ctx.labels.attack({
        policy: 'file-shared-personal-email', alsoMatches: ['file-shared-unauthorized-domain'], user: owner, fromMs: session.startMs, toMs, severity: 'high',
        description: `${owner!.username} shares ${links.length} of their files with ${personal!.email}, a personal mailbox`,
        evidence: { recipient: personal!.email, recipientDomain: 'gmail.com', records: { ContentDocumentLink: links }, eventTypes: ['ContentDocumentLink'] },
      });
    },
    lookAlike(ctx, rng, day) {
      const user = ctx.people.claim(rng, ctx.users, isDeskUser);
      const { session, links, toMs } = share(ctx, rng, user, customer!, day, 2);
      ctx.labels.lookAlike({
        policy: 'file-shared-personal-email', user, fromMs: session.startMs, toMs: toMs + HOUR_MS / 60,
        description: `${user.username} shares ${links.length} files with a customer at ${LOOKALIKE_DOMAIN}`,
        whyBenign: `${LOOKALIKE_DOMAIN} is a company domain (allowed), not gmx.net/gmx.de: personal-mailbox matching must be by exact domain, not prefix`,
        evidence: { recipient: customer!.email, recipientDomain: LOOKALIKE_DOMAIN, records: { ContentDocumentLink: links } },
      });
    },
  });
}
