/**
 * Partner and customer community users — the people files get shared with outside the company.
 * Their e-mail domains are what file-sharing policies check: partners at the allowed partner
 * domain, customers at their own companies. Scenarios add more (an unauthorized domain, a
 * personal mailbox).
 */
import type { GenContext } from '../context';
import type { SimUser } from '../model';
import type { Rng } from '../prng';
import { DAY_MS } from '../time';
import { desktopDevice, mobileDevice } from './devices';
import { asciiName as ascii, FIRST_NAMES, LAST_NAMES } from './names';

export const PARTNER_DOMAIN = 'partner-logistics.example';
export const CUSTOMER_DOMAINS = ['brightpath-retail.example', 'oakridge-health.example'];

/** An external user with the given e-mail (its username is the e-mail plus the org's community suffix). */
export function createExternalUser(ctx: GenContext, rng: Rng, email: string, userType: 'PowerPartner' | 'CspLitePortal', createdMs: number): SimUser {
  const [first, last] = [rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES)];
  const id = ctx.ids.next('005');
  const office = ctx.pools.offices[0]!.office;
  const user: SimUser = {
    index: 100_000 + ctx.externalUsers.length, id, id15: id.slice(0, 15), username: `${email}.${ctx.org.domain.split('.')[0]}`, email,
    firstName: first, lastName: last, alias: ascii(`${first.charAt(0)}${last}`).slice(0, 8), role: 'external', department: '', title: '',
    office, profileName: userType === 'PowerPartner' ? 'Partner Community User' : 'Customer Community User', permissionSets: [], createdMs,
    userType, device: desktopDevice(rng), mobileDevice: mobileDevice(rng), home: ctx.pools.offices[0]!.egress[0]!, homeAsn: 0,
    mobileCountry: office.country, remoteShare: 0, vpn: false, vpnGateway: 0, workStartMinutes: 540, usesMobile: false, syncClient: false, quiet: true,
  };
  ctx.externalUsers.push(user);
  return user;
}

export function createExternalUsers(ctx: GenContext, rng: Rng): void {
  const partners = Math.max(4, Math.round(ctx.options.users / 200));
  for (let i = 0; i < partners; i++) {
    const email = `${ascii(rng.pick(FIRST_NAMES))}.${ascii(rng.pick(LAST_NAMES))}${i}@${PARTNER_DOMAIN}`;
    createExternalUser(ctx, rng, email, 'PowerPartner', ctx.options.startMs - rng.int(30, 600) * DAY_MS);
  }
  for (const domain of CUSTOMER_DOMAINS) {
    createExternalUser(ctx, rng, `${ascii(rng.pick(FIRST_NAMES))}.${ascii(rng.pick(LAST_NAMES))}@${domain}`, 'CspLitePortal', ctx.options.startMs - rng.int(30, 600) * DAY_MS);
  }
  ctx.allowedDomains.push(PARTNER_DOMAIN, ...CUSTOMER_DOMAINS);
}
