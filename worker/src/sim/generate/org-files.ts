/**
 * The small files around the records: `org.json` (DESIGN §4.3), the security posture
 * (`security/SecuritySettings.json` as Metadata API fields, `security/HealthCheck.json`), the
 * IP feeds and HR termination feed the scenarios need, a sample `orgwarden.yaml` wiring them up
 * (DESIGN §4.2 keys), and a README with the DB-IP attribution the data licence asks for.
 */
import path from 'node:path';
import type { GenContext } from './context';
import { GEO_ATTRIBUTION } from './geo/data-files';
import { slash24 } from './geo/ipv4';
import { writeTextFile } from './output/buffered-file';
import { isoZ } from './time';

export interface HrTermination {
  username: string;
  email: string;
  terminatedAtMs: number;
}

function writeJson(file: string, value: unknown): void {
  writeTextFile(file, `${JSON.stringify(value, null, 1)}\n`);
}

export function writeOrgJson(ctx: GenContext): void {
  const { options } = ctx;
  // Enterprise-style allocation: 100k base + 1k per licence, a fifth already used.
  const max = 100_000 + 1_000 * options.users;
  writeJson(path.join(options.outDir, 'org.json'), {
    organizationId: ctx.org.organizationId,
    name: ctx.org.companyName,
    edition: options.edition,
    language: options.language,
    apiRequests: { max, used: Math.round(max * 0.2) },
    eventMonitoring: options.eventMonitoring,
    now: isoZ(options.nowMs),
    serviceAccount: ctx.users.find((u) => u.role === 'service-account')!.username,
  });
}

export function writeSecurity(ctx: GenContext): void {
  const dir = path.join(ctx.options.outDir, 'security');
  const ipRanges = ctx.pools.offices.flatMap((o) => o.egress.map((e) => ({ start: e.ip, end: e.ip, description: `${o.office.city} office egress` })));
  writeJson(path.join(dir, 'SecuritySettings.json'), {
    enableAdminLoginAsAnyUser: true,
    networkAccess: { ipRanges },
    passwordPolicies: {
      complexity: 'AlphaNumeric', expiration: 'NinetyDays', historyRestriction: '3', lockoutInterval: 'FifteenMinutes',
      maxLoginAttempts: 'TenAttempts', minimumPasswordLength: '8', minimumPasswordLifetime: false, obscureSecretAnswer: false,
      questionRestriction: 'DoesNotContainPassword',
    },
    sessionSettings: {
      sessionTimeout: 'TwoHours', lockSessionsToIp: false, lockSessionsToDomain: true, forceLogoutOnSessionTimeout: false,
      enableClickjackNonsetupSFDC: true, enableClickjackNonsetupUser: false, enableClickjackSetup: true, enableCSRFOnGet: true,
      enableCSRFOnPost: true, enforceIpRangesEveryRequest: false, identityConfirmationOnTwoFactorRegistrationEnabled: true,
      requireHttpOnly: true,
    },
  });
  writeJson(path.join(dir, 'HealthCheck.json'), {
    score: 71,
    risks: [
      { RiskType: 'HIGH_RISK', Setting: 'Enforce login IP ranges on every request', SettingGroup: 'Session Settings', OrgValue: 'Disabled', OrgValueRaw: 'false', StandardValue: 'Enabled', StandardValueRaw: 'true', SettingRiskCategory: 'HIGH_RISK' },
      { RiskType: 'MEDIUM_RISK', Setting: 'Clickjack protection for non-Setup customer Visualforce pages', SettingGroup: 'Session Settings', OrgValue: 'Disabled', OrgValueRaw: 'false', StandardValue: 'Enabled', StandardValueRaw: 'true', SettingRiskCategory: 'MEDIUM_RISK' },
      { RiskType: 'MEDIUM_RISK', Setting: 'Password history restriction', SettingGroup: 'Password Policies', OrgValue: '3 passwords remembered', OrgValueRaw: '3', StandardValue: '5 passwords remembered', StandardValueRaw: '5', SettingRiskCategory: 'MEDIUM_RISK' },
      { RiskType: 'MEETS_STANDARD', Setting: 'Minimum password length', SettingGroup: 'Password Policies', OrgValue: '8 characters', OrgValueRaw: '8', StandardValue: '8 characters', StandardValueRaw: '8', SettingRiskCategory: 'HIGH_RISK' },
      { RiskType: 'MEETS_STANDARD', Setting: 'Maximum invalid login attempts', SettingGroup: 'Password Policies', OrgValue: '10', OrgValueRaw: '10', StandardValue: '10', StandardValueRaw: '10', SettingRiskCategory: 'HIGH_RISK' },
    ],
  });
}

/** Feeds (`feeds/*.txt`, one address per line) and the HR termination CSV. */
export function writeFeeds(ctx: GenContext, hr: readonly HrTermination[]): void {
  const dir = ctx.options.outDir;
  const header = (what: string) => `# ${what} — generated for the ${ctx.org.companyName} simulated org; addresses from real networks (${GEO_ATTRIBUTION})\n`;
  writeTextFile(path.join(dir, 'feeds', 'tor-exits.txt'), header('Tor exit relays') + ctx.pools.torExits.map((p) => `${p.ip}\n`).join(''));
  writeTextFile(path.join(dir, 'feeds', 'threat-ips.txt'), header('Threat intelligence: known-bad addresses') + ctx.pools.threat.map((p) => `${p.ip}\n`).join(''));
  const rows = hr.map((t) => `"${t.username}","${t.email}","${isoZ(t.terminatedAtMs)}"\n`).join('');
  writeTextFile(path.join(dir, 'hr', 'terminated.csv'), `"username","email","terminatedAt"\n${rows}`);
}

export function writeSampleConfig(ctx: GenContext, allowedDomains: readonly string[]): void {
  const corporate = ctx.pools.offices.flatMap((o) => o.egress.map((e) => `${e.ip}/32`));
  const vpn = ctx.pools.vpnGateways.map((p) => `${p.ip}/32`);
  const risky = [...new Set(ctx.pools.risky.map((p) => slash24(p.ip)))];
  const list = (items: readonly string[]) => `[${items.join(', ')}]`;
  writeTextFile(path.join(ctx.options.outDir, 'orgwarden.yaml'), [
    `# Sample OrgWarden configuration for this simulated org (DESIGN §4.2).`,
    `#   npx orgwarden scan --config ${path.basename(ctx.options.outDir)}/orgwarden.yaml --org sim:${path.basename(ctx.options.outDir)}`,
    `# Relative paths resolve from this file's folder.`,
    `orgs:`,
    `  - name: sim`,
    `    target: sim:.`,
    `ipTags:`,
    `  corporate: ${list(corporate)}`,
    `  vpn: ${list(vpn)}`,
    `  risky: ${list(risky)}`,
    `ipFeeds:`,
    `  - { file: feeds/tor-exits.txt, tag: anonymous }`,
    `  - { file: feeds/threat-ips.txt, tag: suspicious }`,
    `allowedDomains: ${list([ctx.org.domain, ...allowedDomains])}`,
    `terminatedUsersFile: hr/terminated.csv`,
    `# Policies not listed run with their defaults. The file sync client's service user is a known`,
    `# false positive of the mass-download template; exclude it there once that policy exists:`,
    `#   mass-download: { excludeUsers: [${ctx.users.find((u) => u.syncClient)?.username ?? 'sync.user@example.com'}] }`,
    ``,
  ].join('\n'));
}

export function writeReadme(ctx: GenContext, summary: string): void {
  const o = ctx.options;
  writeTextFile(path.join(o.outDir, 'README.md'), [
    `# ${ctx.org.companyName} — simulated Salesforce org`,
    ``,
    `Generated by \`orgwarden sim generate --users ${o.users} --days ${o.days} --seed ${JSON.stringify(o.seed)}\`: ${isoZ(o.startMs)} to ${isoZ(o.startMs + o.days * 86_400_000)}, org clock ${isoZ(o.nowMs)}, Event Monitoring \`${o.eventMonitoring}\`.`,
    `Everything here is synthetic: people, e-mail addresses (\`.example\` domains) and activity are made up; IP addresses are real networks' addresses chosen at random so that geolocation is realistic.`,
    ``,
    `- \`org.json\`, \`records/\`, \`eventlogs/\`, \`security/\`: the fixture org (serve with \`orgwarden sim --data .\`, scan with \`orgwarden scan --org sim:.\`).`,
    `- \`labels.json\`: every planted attack and benign look-alike, with how to match alerts to them.`,
    `- \`orgwarden.yaml\`, \`feeds/\`, \`hr/terminated.csv\`: configuration and feeds the detections use.`,
    ...(o.eventMonitoring === 'shield'
      ? [`- Real-Time Event Monitoring storage under \`records/\` (LoginEvent, LogoutEvent, LoginAsEvent, ApiEvent, ReportEvent and the Threat Detection \`…EventStore\` objects): one row for every sign-in, button logout, Login-As, API query and report run or export of the period.`]
      : []),
    ``,
    summary,
    ``,
    `## Attribution`,
    ``,
    `${GEO_ATTRIBUTION} Locations of addresses (LoginGeo) come from the DB-IP Lite city database.`,
    ``,
  ].join('\n'));
}
