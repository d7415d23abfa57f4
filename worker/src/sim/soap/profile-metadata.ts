/**
 * Profiles through the Metadata API: `listMetadata` FileProperties and the `readMetadata` Profile
 * component, built from the org's Profile records. The component carries what OrgWarden's posture
 * checks read — `custom`, `description`, `loginIpRanges` and the enabled `userPermissions` (the
 * record's `Permissions<Name>` checkboxes) — not the full component (object, field and tab
 * settings are not modelled).
 */
import type { SimRecord } from '../schema/types';
import { parseDateTime } from '../sf-datetime';
import type { SimCore } from '../sim-core';
import { metadataXmlFields } from './metadata-json';
import { isStandardProfile, profileFullName } from './profile-names';

function profiles(core: SimCore): SimRecord[] {
  return core.view.records('Profile');
}

function nameOf(profile: SimRecord): string {
  return String(profile['Name'] ?? '');
}

/** The live profile whose Metadata API fullName is `fullName`. */
export function findProfile(core: SimCore, fullName: string): SimRecord | undefined {
  return profiles(core).find((p) => profileFullName(nameOf(p)) === fullName);
}

/** Metadata API dates are ISO-8601 with a Z (`2024-01-02T03:04:05.000Z`). */
function isoDate(value: unknown): string {
  const date = typeof value === 'string' ? parseDateTime(value) : undefined;
  return (date ?? new Date(0)).toISOString();
}

function userName(core: SimCore, id: unknown): string {
  const user = typeof id === 'string' ? core.view.get(id) : undefined;
  return String(user?.['Name'] ?? '');
}

/** FileProperties of every profile, by fullName (elements in the WSDL's order). */
export function profileFileProperties(core: SimCore): Record<string, unknown>[] {
  return profiles(core)
    .map((p) => {
      const fullName = profileFullName(nameOf(p));
      const lastModifiedById = p['LastModifiedById'] ?? p['CreatedById'];
      return {
        createdById: String(p['CreatedById'] ?? ''), createdByName: userName(core, p['CreatedById']), createdDate: isoDate(p['CreatedDate']),
        fileName: `profiles/${fullName}.profile`, fullName, id: p.Id,
        lastModifiedById: String(lastModifiedById ?? ''), lastModifiedByName: userName(core, lastModifiedById),
        lastModifiedDate: isoDate(p['LastModifiedDate'] ?? p['CreatedDate']), manageableState: 'unmanaged', type: 'Profile',
      };
    })
    .sort((a, b) => a.fullName.localeCompare(b.fullName));
}

/** The enabled user permissions of a profile record, by API name (`ModifyAllData`). */
function userPermissions(profile: SimRecord): Array<{ enabled: string; name: string }> {
  return Object.keys(profile)
    .filter((key) => key.startsWith('Permissions') && profile[key] === true)
    .map((key) => ({ enabled: 'true', name: key.slice('Permissions'.length) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The Profile component as `readMetadata` returns it (`records` element with `xsi:type`). */
export function profileComponent(core: SimCore, profile: SimRecord): Record<string, unknown> {
  const name = nameOf(profile);
  const fields = {
    custom: String(!isStandardProfile(name)),
    description: profile['Description'] ?? null,
    loginIpRanges: core.metadata.loginIpRanges(profile.Id).map((r) => ({ ...r })),
    userPermissions: userPermissions(profile),
  };
  return { '@_xsi:type': 'Profile', fullName: profileFullName(name), ...metadataXmlFields(fields) };
}
