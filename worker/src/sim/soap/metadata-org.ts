/**
 * The org as the Metadata API sees it, from the fixture's `security/` directory:
 * `SecuritySettings.json` (Metadata API SecuritySettings as JSON, DESIGN §4.3) and the optional
 * `ProfileLoginIpRanges.json`. Profiles themselves are the org's Profile records (read live, so
 * profiles created through the API are listed too).
 */
import type { FixtureProblem } from '../fixture/fixture-error';
import type { SimRecord } from '../schema/types';
import { metadataJsonProblems } from './metadata-json';
import { loginIpRangesByProfile, type ProfileLoginIpRange } from './profile-login-ip-ranges';

const SETTINGS_FILE = 'security/SecuritySettings.json';

export class MetadataOrg {
  constructor(
    /** SecuritySettings fields (without fullName); undefined when the fixture has none. */
    readonly securitySettings: Readonly<Record<string, unknown>> | undefined,
    private readonly ipRanges: ReadonlyMap<string, ProfileLoginIpRange[]>,
  ) {}

  /** Reads and checks the fixture's parsed `security/*.json`; problems are collected. */
  static fromSecurity(security: Readonly<Record<string, unknown>>, profiles: SimRecord[], problems: FixtureProblem[]): MetadataOrg {
    const raw = security['SecuritySettings'];
    let settings: Record<string, unknown> | undefined;
    if (raw !== undefined) {
      const before = problems.length;
      metadataJsonProblems(raw, SETTINGS_FILE, problems);
      const { fullName, ...fields } = raw as Record<string, unknown>;
      if (fullName !== undefined && fullName !== 'Security') problems.push({ file: SETTINGS_FILE, message: `fullName is ${JSON.stringify(fullName)}; SecuritySettings is always "Security"`, fix: 'leave fullName out' });
      if (problems.length === before) settings = fields;
    }
    return new MetadataOrg(settings, loginIpRangesByProfile(security['ProfileLoginIpRanges'], profiles, problems));
  }

  /** A profile's login IP ranges (none unless the fixture lists some). */
  loginIpRanges(profileId: string): readonly ProfileLoginIpRange[] {
    return this.ipRanges.get(profileId) ?? [];
  }
}
