/**
 * `security/ProfileLoginIpRanges.json` (optional fixture addition): the login IP ranges of each
 * profile, as the Metadata API's `Profile.loginIpRanges` (ProfileLoginIpRange: `startAddress`,
 * `endAddress`, optional `description`). Keyed by profile — its Name in `records/Profile.json`,
 * its Id, or its Metadata API fullName:
 *
 * ```json
 * {"System Administrator": [{"startAddress": "203.0.113.0", "endAddress": "203.0.113.255", "description": "HQ"}]}
 * ```
 *
 * Profiles not listed have no login IP ranges. Both ends must be IP addresses of one family
 * (IPv4 or IPv6) with start ≤ end, as Setup enforces.
 */
import { isIP } from 'node:net';
import type { FixtureProblem } from '../fixture/fixture-error';
import { isSalesforceId, to18 } from '../ids';
import type { SimRecord } from '../schema/types';
import { profileFullName } from './profile-names';

export interface ProfileLoginIpRange {
  startAddress: string;
  endAddress: string;
  description?: string;
}

const FILE = 'security/ProfileLoginIpRanges.json';
const RANGE_KEYS = ['startAddress', 'endAddress', 'description'];

function ipValue(ip: string): bigint {
  if (isIP(ip) === 4) return ip.split('.').reduce((acc, part) => (acc << 8n) + BigInt(Number(part)), 0n);
  const [head = '', tail = ''] = ip.split('::');
  const groups = (s: string) => (s ? s.split(':') : []);
  const missing = 8 - groups(head).length - groups(tail).length;
  const all = [...groups(head), ...Array<string>(ip.includes('::') ? missing : 0).fill('0'), ...groups(tail)];
  return all.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

function rangeProblem(raw: unknown): string | undefined {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'must be {"startAddress", "endAddress", "description"?}';
  const range = raw as Record<string, unknown>;
  const unknown = Object.keys(range).filter((k) => !RANGE_KEYS.includes(k));
  if (unknown.length) return `unknown key(s) ${unknown.join(', ')}`;
  const { startAddress: start, endAddress: end, description } = range;
  if (description !== undefined && typeof description !== 'string') return 'description must be a string';
  if (typeof start !== 'string' || typeof end !== 'string' || !isIP(start) || !isIP(end)) return 'startAddress and endAddress must be IP addresses';
  if (isIP(start) !== isIP(end)) return 'startAddress and endAddress must both be IPv4 or both IPv6';
  // IPv6 written with an embedded IPv4 tail (::ffff:192.0.2.1) is not ordered here.
  const comparable = isIP(start) === 4 || !(start + end).includes('.');
  if (comparable && ipValue(start) > ipValue(end)) return 'startAddress must not be after endAddress';
  return undefined;
}

function findProfile(key: string, profiles: SimRecord[]): SimRecord[] {
  if (isSalesforceId(key)) return profiles.filter((p) => p.Id === to18(key));
  return profiles.filter((p) => p['Name'] === key || profileFullName(String(p['Name'] ?? '')) === key);
}

/** Login IP ranges by profile Id, from the parsed file (undefined: no file); problems are collected. */
export function loginIpRangesByProfile(raw: unknown, profiles: SimRecord[], problems: FixtureProblem[]): Map<string, ProfileLoginIpRange[]> {
  const out = new Map<string, ProfileLoginIpRange[]>();
  if (raw === undefined) return out;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push({ file: FILE, message: 'must be an object: profile name, Id or fullName → [{"startAddress", "endAddress", "description"?}]' });
    return out;
  }
  for (const [key, ranges] of Object.entries(raw as Record<string, unknown>)) {
    const matches = findProfile(key, profiles);
    if (matches.length !== 1) problems.push({ file: FILE, message: `${key} ${matches.length ? 'names several profiles' : 'is no profile of records/Profile.json'}`, fix: 'key the ranges by the profile\'s Name, Id or Metadata API fullName' });
    if (!Array.isArray(ranges)) problems.push({ file: FILE, message: `${key}: expected an array of ranges` });
    const list = Array.isArray(ranges) ? ranges : [];
    list.forEach((range, i) => {
      const problem = rangeProblem(range);
      if (problem) problems.push({ file: FILE, message: `${key}[${i}]: ${problem}` });
    });
    const profile = matches[0];
    if (profile && matches.length === 1) out.set(profile.Id, [...(out.get(profile.Id) ?? []), ...(list as ProfileLoginIpRange[])]);
  }
  return out;
}
