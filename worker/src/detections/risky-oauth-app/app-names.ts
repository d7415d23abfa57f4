/**
 * Does a connected app's name imitate a well-known one? Consent phishing names its app like a
 * tool people already trust ("Dataloader", "Salesforce for Outlook", "Slack") with a typo, a
 * look-alike character or an added word. Compared word window by word window, so a brand plus
 * extra words ("Sales Navigater Sync") is caught while a name that contains a brand exactly
 * ("Slack for Salesforce", "Dataloader.io") is not called a look-alike of it.
 *
 * - homoglyph: the same letters once confusable characters are folded (Cyrillic "а" → "a",
 *   "0" → "o", "rn" → "m" …) but not the same text;
 * - typo: 1–3 edits (Levenshtein) from the reference depending on its length; references under
 *   6 letters only match by homoglyphs (one edit away from "Box" is too many real names).
 */

/** Connected apps (as OauthToken.AppName shows them) that people are used to approving. */
export const WELL_KNOWN_APPS: readonly string[] = [
  'Salesforce', 'Salesforce for iOS', 'Salesforce for Android', 'Salesforce Mobile', 'Salesforce Mobile Apps', 'Salesforce for Outlook',
  'Salesforce Inbox', 'Salesforce CLI', 'Salesforce Authenticator', 'Salesforce Files', 'Salesforce Maps', 'Salesforce Field Service',
  'Salesforce Extensions for VS Code', 'Dataloader', 'Data Loader', 'Dataloader Partner', 'Dataloader Bulk', 'Workbench', 'Slack',
  'Slack for Salesforce', 'Outlook', 'Microsoft Outlook', 'Microsoft Teams', 'Gmail', 'Google Workspace', 'Sales Navigator',
  'LinkedIn Sales Navigator', 'Tableau', 'Tableau Desktop', 'MuleSoft', 'Heroku', 'Quip', 'Chatter', 'Einstein Activity Capture',
  'Lightning Sync', 'Ant Migration Tool', 'Force.com IDE', 'Marketing Cloud', 'Pardot', 'Account Engagement', 'DocuSign', 'Zoom',
  'Dropbox', 'Box', 'Zapier', 'HubSpot', 'Gong', 'Outreach', 'Salesloft', 'ZoomInfo', 'Postman', 'Jira',
];

/** Confusable characters folded to the Latin letter they imitate (after NFKD and lower-casing). */
const CONFUSABLES: Readonly<Record<string, string>> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ӏ: 'l', һ: 'h', ԛ: 'q', ԝ: 'w', к: 'k', м: 'm', т: 't', в: 'b', н: 'h',
  α: 'a', ο: 'o', ρ: 'p', ι: 'i', κ: 'k', ν: 'v', τ: 't', υ: 'u', χ: 'x', ε: 'e',
  '0': 'o', '1': 'l', '3': 'e', '5': 's', '8': 'b', '|': 'l', ı: 'i', ł: 'l',
};

/** Lower case, accents dropped (NFKD), words of letters and digits. */
export function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}|]+/u)
    .filter(Boolean);
}

/** The key two spellings of one name share: "Data Loader" = "Dataloader" = "data-loader". */
export function nameKey(name: string): string {
  return words(name).join('');
}

function skeleton(text: string): string {
  let out = '';
  for (const ch of text) out += CONFUSABLES[ch] ?? ch;
  return out.replace(/rn/g, 'm').replace(/vv/g, 'w');
}

export function editDistance(a: string, b: string, limit = Infinity): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}

function maxEdits(length: number, cap: number): number {
  if (length < 6) return 0;
  return Math.min(cap, length < 10 ? 1 : length < 16 ? 2 : 3);
}

export interface LookAlike {
  reference: string;
  kind: 'homoglyph' | 'typo';
  edits: number;
}

/** The closest reference `name` imitates, or undefined (also when `name` is one of the references). */
export function lookAlikeOf(name: string, references: readonly string[], maxEditsCap = 3): LookAlike | undefined {
  const key = nameKey(name);
  if (!key || references.some((ref) => nameKey(ref) === key)) return undefined;
  const candidate = words(name);
  let best: LookAlike | undefined;
  for (const reference of references) {
    const found = compare(candidate, words(reference), maxEditsCap);
    // On a tie the longer reference is the more specific one ("Salesforce for Outlook" over "Salesforce").
    if (found && (!best || found.edits < best.edits || (found.edits === best.edits && nameKey(reference).length > nameKey(best.reference).length))) best = { reference, ...found };
  }
  return best;
}

/** Compares word windows of the candidate (as many words as the reference, ±1) with the reference. */
function compare(candidate: readonly string[], reference: readonly string[], cap: number): Omit<LookAlike, 'reference'> | undefined {
  const refText = reference.join('');
  const refSkeleton = skeleton(refText);
  const limit = maxEdits(refText.length, cap);
  let best: Omit<LookAlike, 'reference'> | undefined;
  for (let size = Math.max(1, reference.length - 1); size <= reference.length + 1; size += 1) {
    for (let start = 0; start + size <= candidate.length; start += 1) {
      const text = candidate.slice(start, start + size).join('');
      // The brand itself, with other words around it: a name like "Slack for Salesforce", not an imitation.
      if (text === refText) return undefined;
      if (skeleton(text) === refSkeleton) return { kind: 'homoglyph', edits: 0 };
      if (limit === 0 || onlyDigitsDiffer(text, refText)) continue;
      const edits = editDistance(text, refText, limit);
      if (edits <= limit && (!best || edits < best.edits)) best = { kind: 'typo', edits };
    }
  }
  return best;
}

/** "Acme Sync 2" next to "Acme Sync 3" is a version, not an imitation. */
function onlyDigitsDiffer(a: string, b: string): boolean {
  return a.replace(/\p{N}/gu, '') === b.replace(/\p{N}/gu, '');
}
