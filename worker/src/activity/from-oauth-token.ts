/**
 * OauthToken rows (a user's approval of a connected app) → `oauth.grant` Activities. OauthToken
 * has no usable Id (documented as reserved, always null), so a grant is identified by user, app
 * and creation time. DeleteToken and AccessToken are never read: they are revocation handles.
 */
import { createHash } from 'node:crypto';
import type { Activity } from './activity';
import { parseSfDateTime } from './sf-datetime';

export interface OauthTokenRow {
  AppName: string | null;
  UserId: string | null;
  CreatedDate: string | null;
  LastUsedDate: string | null;
  UseCount: number | null;
  AppMenuItemId?: string | null;
}

export const OAUTH_TOKEN_FIELDS = ['AppName', 'UserId', 'CreatedDate', 'LastUsedDate', 'UseCount', 'AppMenuItemId'] as const;

/** A stable key for a grant: user + app + creation time, hashed short (cursor-sized). */
export function grantKey(row: OauthTokenRow): string {
  return createHash('sha256').update(`${row.UserId ?? ''}\u0000${row.AppName ?? ''}\u0000${row.CreatedDate ?? ''}`).digest('base64url').slice(0, 16);
}

export function fromOauthToken(row: OauthTokenRow, orgId: string): Activity | undefined {
  const timeMs = row.CreatedDate ? parseSfDateTime(row.CreatedDate) : Number.NaN;
  if (!Number.isFinite(timeMs) || !row.UserId || !row.AppName) return undefined;
  const activity: Activity = {
    id: `OauthToken:${grantKey(row)}`,
    source: 'OauthToken',
    timeMs,
    orgId,
    userId: row.UserId,
    kind: 'oauth.grant',
    appName: row.AppName,
    ipTags: [],
  };
  if (typeof row.UseCount === 'number') activity.useCount = row.UseCount;
  const lastUsed = row.LastUsedDate ? parseSfDateTime(row.LastUsedDate) : Number.NaN;
  if (Number.isFinite(lastUsed)) activity.lastUsedAtMs = lastUsed;
  return activity;
}
