/**
 * The org's people: who they are (names, usernames at the company domain), what they do (role,
 * profile, permission sets), where they work (office, time zone, home network, VPN habit) and
 * how (desktop and mobile devices, start of the workday). Drawn once, before any activity.
 */
import { IpPools } from '../geo/ip-pools';
import type { Office } from '../geo/world';
import type { IdFactory } from '../id-factory';
import type { Role, SimUser } from '../model';
import type { Rng } from '../prng';
import { DAY_MS } from '../time';
import { desktopDevice, mobileDevice } from './devices';
import { asciiName as ascii, FIRST_NAMES, LAST_NAMES } from './names';

interface RoleSpec {
  role: Role;
  count: (n: number) => number;
  department: string;
  title: string;
  profile: string;
  permissionSets: string[];
}

const clamp = (value: number, min: number, max: number): number => Math.max(min, Math.min(max, Math.round(value)));

/** Special roles first (in this order); everyone else is a standard user. */
const ROLES: readonly RoleSpec[] = [
  { role: 'service-account', count: () => 1, department: 'IT', title: 'OrgWarden service account', profile: 'Warden Integration', permissionSets: ['Warden_Integration'] },
  { role: 'admin', count: (n) => clamp(n * 0.003, 3, 25), department: 'IT', title: 'Salesforce Administrator', profile: 'System Administrator', permissionSets: ['Warden_Admin'] },
  { role: 'support', count: (n) => clamp(n * 0.01, 2, 60), department: 'Support', title: 'Support Lead', profile: 'Support Agent', permissionSets: ['Service_Cloud_User', 'Delegated_User_Admin'] },
  { role: 'integration', count: (n) => clamp(n * 0.001, 2, 12), department: 'IT', title: 'Integration', profile: 'Integration User', permissionSets: [] },
  { role: 'sales-ops', count: (n) => clamp(n * 0.02, 2, 200), department: 'Sales Operations', title: 'Sales Operations Analyst', profile: 'Sales Operations', permissionSets: ['Sales_Cloud_User', 'Report_Exporter'] },
  { role: 'marketing', count: (n) => clamp(n * 0.02, 2, 200), department: 'Marketing', title: 'Marketing Manager', profile: 'Standard User', permissionSets: ['Sales_Cloud_User'] },
  { role: 'records-manager', count: (n) => clamp(n / 2000, 1, 10), department: 'Legal', title: 'Records Manager', profile: 'Standard User', permissionSets: [] },
];

const STANDARD_DEPARTMENTS = [
  ['Sales', 'Account Executive', ['Sales_Cloud_User']],
  ['Sales', 'Sales Development Rep', ['Sales_Cloud_User']],
  ['Support', 'Support Engineer', ['Service_Cloud_User']],
  ['Finance', 'Financial Analyst', ['Report_Exporter']],
  ['Customer Success', 'Customer Success Manager', ['Sales_Cloud_User']],
] as const;

export interface UserFactoryContext {
  rng: Rng;
  ids: IdFactory;
  pools: IpPools;
  offices: readonly Office[];
  domain: string;
  startMs: number;
}

function uniqueName(rng: Rng, taken: Set<string>, domain: string): { first: string; last: string; username: string } {
  for (let attempt = 0; ; attempt++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const local = `${ascii(first)}.${ascii(last)}${attempt > 8 ? attempt : ''}`;
    const username = `${local}@${domain}`;
    if (!taken.has(username)) {
      taken.add(username);
      return { first, last, username };
    }
  }
}

function officeFor(rng: Rng, offices: readonly Office[]): Office {
  if (offices.length === 1) return offices[0] as Office;
  // Headquarters holds about 40% of the people; the rest spread over regional offices.
  return rng.chance(0.4) ? (offices[0] as Office) : rng.pick(offices);
}

function makeUser(ctx: UserFactoryContext, index: number, spec: Omit<RoleSpec, 'count'>, taken: Set<string>): SimUser {
  const rng = ctx.rng.fork(`user:${index}`);
  // The service account sits at headquarters (en_US): OrgWarden reads LoginHistory.Status in its language.
  const office = spec.role === 'service-account' ? (ctx.offices[0] as Office) : officeFor(rng, ctx.offices);
  const name = spec.role === 'service-account' ? { first: 'OrgWarden', last: 'Integration', username: `orgwarden.integration@${ctx.domain}` } : uniqueName(rng, taken, ctx.domain);
  taken.add(name.username);
  const id = ctx.ids.next('005');
  const home = ctx.pools.home(rng, office);
  const human = !['integration', 'service-account'].includes(spec.role);
  return {
    index, id, id15: id.slice(0, 15), username: name.username, email: name.username,
    firstName: name.first, lastName: name.last, alias: `${ascii(name.first).charAt(0)}${ascii(name.last)}`.slice(0, 8),
    role: spec.role, department: spec.department, title: spec.title, office, profileName: spec.profile, permissionSets: [...spec.permissionSets],
    createdMs: ctx.startMs - rng.int(120, 1400) * DAY_MS + rng.int(8, 17) * 3_600_000,
    userType: 'Standard', device: desktopDevice(rng), mobileDevice: mobileDevice(rng), home: home.place, homeAsn: home.asn,
    mobileCountry: office.country, remoteShare: human ? rng.real(0.1, 0.6) : 0, vpn: human && rng.chance(0.35),
    vpnGateway: rng.int(0, 2), workStartMinutes: rng.int(7 * 60 + 15, 9 * 60 + 45), usesMobile: human && rng.chance(0.35),
    syncClient: false,
  };
}

/** Every internal user of the org, special roles first. */
export function createUsers(ctx: UserFactoryContext, total: number): SimUser[] {
  const taken = new Set<string>();
  const users: SimUser[] = [];
  for (const spec of ROLES) {
    const count = spec.count(total);
    for (let i = 0; i < count && users.length < total; i++) users.push(makeUser(ctx, users.length, spec, taken));
  }
  while (users.length < total) {
    const [department, title, sets] = ctx.rng.fork(`dept:${users.length}`).pick(STANDARD_DEPARTMENTS);
    users.push(makeUser(ctx, users.length, { role: 'standard', department, title, profile: 'Standard User', permissionSets: [...sets] }, taken));
  }
  return users;
}

/** New standard users (sales reps) joining during the period; usernames stay unique in the org. */
export function createHires(ctx: UserFactoryContext, existing: readonly SimUser[], count: number): SimUser[] {
  const taken = new Set(existing.map((u) => u.username));
  const hires: SimUser[] = [];
  for (let i = 0; i < count; i++) {
    const spec = { role: 'standard' as const, department: 'Sales', title: 'Account Executive', profile: 'Standard User', permissionSets: ['Sales_Cloud_User'] };
    hires.push(makeUser({ ...ctx, rng: ctx.rng.fork(`hire:${i}`) }, existing.length + i, spec, taken));
  }
  return hires;
}
