/**
 * A profile's Metadata API `fullName`. Standard profiles have fixed API names that differ from
 * their labels ("System Administrator" is `Admin`, "Standard User" is `Standard`, …); custom
 * profiles use their name, with the characters a file name cannot hold percent-encoded (the
 * fullName doubles as `profiles/<fullName>.profile`, e.g. `Custom%3A Marketing Profile`).
 */
const STANDARD_API_NAMES: Readonly<Record<string, string>> = {
  'System Administrator': 'Admin',
  'Standard User': 'Standard',
  'Read Only': 'ReadOnly',
  'Solution Manager': 'SolutionManager',
  'Marketing User': 'MarketingProfile',
  'Contract Manager': 'ContractManager',
  'Standard Platform User': 'StandardAul',
};

/** Standard profiles whose API name is their name. */
const STANDARD_SAME_NAME = new Set([
  'Chatter Free User', 'Chatter External User', 'Chatter Moderator User', 'Minimum Access - Salesforce',
  'Analytics Cloud Integration User', 'Analytics Cloud Security User', 'Identity User', 'Authenticated Website',
  'Salesforce API Only System Integrations',
]);

const FILE_NAME_UNSAFE = /[%:/\\*?"<>|]/g;

export function isStandardProfile(name: string): boolean {
  return name in STANDARD_API_NAMES || STANDARD_SAME_NAME.has(name);
}

export function profileFullName(name: string): string {
  const standard = STANDARD_API_NAMES[name];
  if (standard) return standard;
  return name.replace(FILE_NAME_UNSAFE, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
