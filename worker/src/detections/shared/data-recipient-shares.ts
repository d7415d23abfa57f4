/**
 * The data group's recipient templates (file-shared-unauthorized-domain, file-shared-personal-
 * email): files shared with a user whose e-mail domain a policy flags. One alert per sharer and
 * recipient domain for 24 hours from the first share (a session that runs past midnight stays one
 * alert); later shares in the window update it. The share record (files stream) and its event
 * log row (ContentDocumentLink) report the same share: shares are counted by file and
 * recipient, so a share read from both is counted once. One batched read and write per page.
 */
import type { Activity } from '../../activity/activity';
import { isoUtc } from '../../activity/sf-datetime';
import type { AlertDraft, DetectionContext } from '../types';
import { recipientOf, type Recipient } from './data-recipients';

export interface RecipientWindowState {
  /** The window's first share when it opened: its alert key, never moved. */
  keyAtMs: number;
  firstAtMs: number;
  lastAtMs: number;
  /** Distinct shares as `file|recipient` (ContentDocument id, or the row's id when it has none). */
  files: string[];
  /** Shares counted beyond the ones whose keys are kept. */
  moreFiles: number;
  recipients: Record<string, number>;
  permissions: Record<string, number>;
  ips: Record<string, number>;
}

export interface RecipientWindowView {
  userId: string;
  username?: string;
  domain: string;
  state: RecipientWindowState;
}

const WINDOW_MS = 24 * 3_600_000;
const MAX_FILE_IDS = 200;
const STATE_TTL_SECONDS = 3 * 86_400;

type FlaggedRecipient = Recipient & { domain: string };

/** The runner gives activities ordered by time; `flag` says which shares count. */
export async function evaluateRecipientShares(
  activities: readonly Activity[],
  ctx: DetectionContext,
  flag: (recipient: FlaggedRecipient, activity: Activity) => boolean,
): Promise<RecipientWindowView[]> {
  const flagged: Array<{ activity: Activity; recipient: FlaggedRecipient; key: string }> = [];
  for (const activity of activities) {
    if (!activity.userId) continue;
    const recipient = recipientOf(activity, ctx.env);
    if (!recipient?.domain || !flag(recipient as FlaggedRecipient, activity)) continue;
    flagged.push({ activity, recipient: recipient as FlaggedRecipient, key: `${activity.userId}:${recipient.domain}` });
  }
  if (flagged.length === 0) return [];
  const stored = await ctx.state.getMany<RecipientWindowState>([...new Set(flagged.map((f) => f.key))]);
  const views = new Map<string, RecipientWindowView>();
  const changed = new Map<string, unknown>();
  for (const { activity, recipient, key } of flagged) {
    let state = stored.get(key);
    const t = activity.timeMs;
    if (!state || t > state.keyAtMs + WINDOW_MS || t < state.keyAtMs - WINDOW_MS) {
      const opened = newWindow(t);
      // A straggler from long before the open window gets its own alert but does not replace the window.
      if (!state || t > state.keyAtMs) stored.set(key, opened);
      state = opened;
    }
    addShare(state, activity, recipient);
    if (stored.get(key) === state) changed.set(key, state);
    views.set(`${key}:${state.keyAtMs}`, { userId: activity.userId!, ...(activity.username ? { username: activity.username } : {}), domain: recipient.domain, state });
  }
  await ctx.state.setMany(changed, STATE_TTL_SECONDS);
  return [...views.values()];
}

function newWindow(timeMs: number): RecipientWindowState {
  return { keyAtMs: timeMs, firstAtMs: timeMs, lastAtMs: timeMs, files: [], moreFiles: 0, recipients: {}, permissions: {}, ips: {} };
}

/** A file already counted (the same share from the other source) only moves the first time back. */
function addShare(state: RecipientWindowState, activity: Activity, recipient: Recipient): void {
  const file = `${activity.recordId ?? activity.id}|${recipient.userId ?? recipient.email ?? ''}`;
  if (state.files.includes(file)) {
    state.firstAtMs = Math.min(state.firstAtMs, activity.timeMs);
    // Share records carry no IP; the event log row of the same share does.
    if (activity.ip && !Object.hasOwn(state.ips, activity.ip)) state.ips[activity.ip] = 1;
    return;
  }
  if (state.files.length < MAX_FILE_IDS) state.files.push(file);
  else state.moreFiles += 1;
  state.firstAtMs = Math.min(state.firstAtMs, activity.timeMs);
  state.lastAtMs = Math.max(state.lastAtMs, activity.timeMs);
  const who = recipient.email ?? recipient.userId ?? 'unknown';
  state.recipients[who] = (state.recipients[who] ?? 0) + 1;
  const permission = activity.share?.shareType;
  if (permission) state.permissions[permission] = (state.permissions[permission] ?? 0) + 1;
  if (activity.ip) state.ips[activity.ip] = (state.ips[activity.ip] ?? 0) + 1;
}

export function fileCount(state: RecipientWindowState): number {
  return state.files.length + state.moreFiles;
}

/** The alert fields every recipient template shares. */
export function recipientDraftBase(policy: string, view: RecipientWindowView): Pick<AlertDraft, 'policy' | 'bucket' | 'subject' | 'userId' | 'username' | 'occurredAtMs' | 'lastSeenAtMs' | 'ip' | 'count'> {
  const ip = Object.entries(view.state.ips).sort((a, b) => b[1] - a[1])[0]?.[0];
  return {
    policy,
    bucket: `${view.userId}:${view.domain}:${isoUtc(view.state.keyAtMs)}`,
    subject: view.userId,
    userId: view.userId,
    ...(view.username ? { username: view.username } : {}),
    occurredAtMs: view.state.firstAtMs,
    lastSeenAtMs: view.state.lastAtMs,
    ...(ip ? { ip } : {}),
    count: fileCount(view.state),
  };
}

/** Evidence every recipient template shows. */
export function recipientEvidence(view: RecipientWindowView): Record<string, unknown> {
  return {
    recipientDomain: view.domain,
    recipients: view.state.recipients,
    files: fileCount(view.state),
    fileIds: [...new Set(view.state.files.map((f) => f.split('|')[0]!))].slice(0, 20),
    permissions: view.state.permissions,
    firstShareAt: isoUtc(view.state.firstAtMs),
    lastShareAt: isoUtc(view.state.lastAtMs),
    sourceIps: view.state.ips,
  };
}
