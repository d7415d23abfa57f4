/**
 * Connected apps and OAuth grants: ConnectedApplication rows for the apps people use (mobile
 * app, Outlook, Slack, Data Loader, the integrations), and OauthToken rows — one per user and
 * app they approved — mostly from before the period, a few granted during it.
 */
import type { GenContext } from '../context';
import { INTEGRATION_APPS } from '../activity/integration-day';
import { keyPrefix } from '../key-prefixes';
import type { SimUser } from '../model';
import type { Rng } from '../prng';
import { DAY_MS, sfDateTime } from '../time';

export const COMMON_APPS = ['Salesforce for iOS', 'Salesforce for Android', 'Salesforce for Outlook', 'Slack for Salesforce', 'Dataloader Partner', 'Salesforce CLI'];

export function writeConnectedApp(ctx: GenContext, name: string, createdMs: number, creator: SimUser | undefined): string {
  const id = ctx.ids.next(keyPrefix('ConnectedApplication'));
  ctx.appIds.set(name, id);
  ctx.records.add('ConnectedApplication', {
    Id: id, Name: name, CreatedDate: sfDateTime(createdMs), CreatedById: creator?.id ?? null, LastModifiedDate: sfDateTime(createdMs),
    OptionsAllowAdminApprovedUsersOnly: false, OptionsRefreshTokenValidityMetric: false, RefreshTokenValidityPeriod: null,
    MobileSessionTimeout: null, PinLength: null, StartUrl: null, MobileStartUrl: null,
  });
  return id;
}

export function writeOauthToken(ctx: GenContext, rng: Rng, user: SimUser, app: string, createdMs: number, lastUsedMs: number): string {
  const id = ctx.ids.next(keyPrefix('OauthToken'));
  ctx.records.add('OauthToken', {
    Id: id, AppName: app, AppMenuItemId: null, CreatedDate: sfDateTime(createdMs), LastUsedDate: sfDateTime(Math.min(lastUsedMs, ctx.options.nowMs)),
    UseCount: rng.int(1, 400), UserId: user.id, DeleteToken: rng.token(88), AccessToken: null, RequestToken: null,
  });
  return id;
}

/** The apps the org had before the period and everyone's existing grants. */
export function writeExistingOauth(ctx: GenContext, rng: Rng): void {
  const admin = ctx.users.find((u) => u.role === 'admin');
  const long = ctx.options.startMs - 900 * DAY_MS;
  for (const app of [...COMMON_APPS, ...INTEGRATION_APPS]) writeConnectedApp(ctx, app, long + rng.int(0, 300) * DAY_MS, admin);
  const integrations = ctx.users.filter((u) => u.role === 'integration');
  for (const user of ctx.users) {
    // A token stops being used when its user can no longer sign in.
    const lastUse = Math.min(ctx.options.nowMs, user.deactivatedMs ?? Infinity, user.frozenMs ?? Infinity) - rng.int(0, 3) * DAY_MS;
    const created = Math.max(user.createdMs, ctx.options.startMs - rng.int(5, 500) * DAY_MS);
    const granted = (app: string) => writeOauthToken(ctx, rng, user, app, Math.min(created, lastUse), lastUse);
    if (user.role === 'integration') granted(INTEGRATION_APPS[integrations.indexOf(user) % INTEGRATION_APPS.length]!);
    if (user.usesMobile) granted(user.mobileDevice.platform === 'iPhone' ? 'Salesforce for iOS' : 'Salesforce for Android');
    if (user.role !== 'integration' && user.role !== 'service-account' && rng.chance(0.3)) granted('Salesforce for Outlook');
    if (rng.chance(0.15) && user.role !== 'integration') granted('Slack for Salesforce');
    if (user.role === 'admin') granted(rng.pick(['Dataloader Partner', 'Salesforce CLI']));
  }
}

/** A few people approve a common app during the period (the benign side of risky-oauth-app). */
export function benignGrants(ctx: GenContext, rng: Rng, user: SimUser, sessionStartMs: number): void {
  if (!rng.chance(0.004)) return;
  writeOauthToken(ctx, rng, user, rng.pick(['Salesforce for Outlook', 'Slack for Salesforce']), sessionStartMs + rng.int(1, 30) * 60_000, sessionStartMs + DAY_MS);
}
