/**
 * The REST API versions the simulator serves: 50.0 (Winter '21, jsforce's default) to 66.0
 * (Spring '26). Salesforce names three releases a year, Winter/Spring/Summer; Winter '21 is 50.0.
 */
export const MIN_API_VERSION = 50;
export const MAX_API_VERSION = 66;
/** The newest version, as Salesforce writes it (`66.0`). */
export const LATEST_API_VERSION = `${MAX_API_VERSION}.0`;

const SEASONS = ['Winter', 'Spring', 'Summer'] as const;

/** Release label of a major version: 62 → `Winter '25`. */
export function releaseLabel(major: number): string {
  const offset = major - MIN_API_VERSION;
  const season = SEASONS[((offset % 3) + 3) % 3] ?? 'Winter';
  const year = 21 + Math.floor(offset / 3);
  return `${season} '${String(year).padStart(2, '0')}`;
}

/** `GET /services/data`: every served version, oldest first, with two-digit version strings. */
export function versionList(): Array<{ label: string; url: string; version: string }> {
  const list = [];
  for (let v = MIN_API_VERSION; v <= MAX_API_VERSION; v++) {
    list.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
  }
  return list;
}

/** `62.0` when `vXX.X` names a served version, else undefined. */
export function servedVersion(segment: string): string | undefined {
  const m = /^v(\d{2})\.(\d)$/.exec(segment);
  if (!m || m[2] !== '0') return undefined;
  const major = Number(m[1]);
  return major >= MIN_API_VERSION && major <= MAX_API_VERSION ? `${major}.0` : undefined;
}
