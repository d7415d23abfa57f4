/**
 * The configuration (DESIGN §4.2): read once at start from JSON or YAML, validated with every
 * problem listed, then frozen. The only module that reads `process.env`.
 */
import { accessSync, constants, readFileSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { OrgWardenError } from './errors';
import { POLICIES } from './detections/registry';
import { opsSchema } from './ops/ops-config';
import { mmdbFileProblem } from './enrichment/mmdb-file';

export const IP_TAGS = ['corporate', 'vpn', 'anonymous', 'suspicious', 'risky'] as const;
export type IpTag = (typeof IP_TAGS)[number];

const cidr = z.string().refine(isCidr, { message: 'not an IPv4/IPv6 CIDR such as 203.0.113.0/24' });
const username = z.string().min(1);

const jwtAuth = z.strictObject({
  clientId: z.string().min(1),
  username,
  privateKeyFile: z.string().min(1),
  loginUrl: z.url().default('https://login.salesforce.com'),
});

const orgSchema = z
  .strictObject({
    name: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'use 1-40 letters, digits, - or _'),
    /** `sim:DIR`, or an sf CLI alias/username. */
    target: z.string().min(1).optional(),
    instanceUrl: z.url().optional(),
    /** Name of the environment variable holding an access token (never the token itself). */
    accessTokenEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    jwt: jwtAuth.optional(),
  })
  .refine((org) => [org.target, org.instanceUrl, org.jwt].filter(Boolean).length === 1, {
    message: 'give exactly one of target, instanceUrl (+ accessTokenEnv) or jwt',
  })
  .refine((org) => !org.instanceUrl || org.accessTokenEnv, {
    message: 'instanceUrl needs accessTokenEnv (the variable that holds the access token)',
  });

const sensitivity = z.enum(['low', 'medium', 'high']);

const policyConfig = z.strictObject({
  enabled: z.boolean().default(true),
  sensitivity: sensitivity.default('medium'),
  thresholds: z.record(z.string(), z.number()).default({}),
  includeUsers: z.array(username).default([]),
  excludeUsers: z.array(username).default([]),
});

const configSchema = z.strictObject({
  orgs: z.array(orgSchema).default([]),
  reservePercent: z.number().min(1).max(90).default(10),
  /** Optional cap on OrgWarden's own share of the daily allocation, in percent. */
  ownSharePercent: z.number().min(1).max(100).optional(),
  redis: z
    .strictObject({
      url: z.string().regex(/^rediss?:\/\//, 'use redis://host:port').default('redis://127.0.0.1:6379'),
      /** Prefix of every key and queue, so several deployments (or tests) can share one Redis. */
      keyPrefix: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'use 1-32 letters, digits, - or _').default('ow'),
      /** Per org, the detection state a worker keeps in memory after committing it (state/committed-mirror.ts); 0: none. */
      stateMirrorMB: z.number().int().min(0).max(1024).default(16),
    })
    .default({ url: 'redis://127.0.0.1:6379', keyPrefix: 'ow', stateMirrorMB: 16 }),
  ipTags: z.partialRecord(z.enum(IP_TAGS), z.array(cidr)).default({}),
  ipFeeds: z
    .array(
      z
        .strictObject({
          file: z.string().min(1).optional(),
          url: z.url({ protocol: /^https?$/, error: 'use an http:// or https:// URL' }).optional(),
          tag: z.enum(IP_TAGS),
          /** How often a URL is downloaded again (a file is re-read when it changed). */
          refreshMinutes: z.number().int().min(5).max(10_080).default(360),
        })
        .refine((feed) => Boolean(feed.file) !== Boolean(feed.url), { message: 'give exactly one of file or url' }),
    )
    .default([]),
  /** Offline geolocation; without `cityDatabase`, the bundled DB-IP Lite city database. */
  geoip: z.strictObject({ cityDatabase: z.string().min(1).optional() }).default({}),
  allowedDomains: z.array(z.string().min(1)).default([]),
  personalEmailDomains: z.array(z.string().min(1)).optional(),
  terminatedUsersFile: z.string().optional(),
  policies: z.record(z.string(), policyConfig).default({}),
  /**
   * Event log rows per page: each page is one commit of detection state and cursor together.
   * Larger pages cost memory (the page's activities are held at once), smaller ones time (every
   * policy reads and writes its state once per page); see README "Speed and memory".
   */
  eventLogs: z.strictObject({ pageRows: z.number().int().min(500).max(100_000).default(20_000) }).default({ pageRows: 20_000 }),
  governance: z.record(z.string(), z.unknown()).default({}),
  /** Bull Board + Prometheus metrics served by `run` (ops/ops-config.ts); absent: not served. */
  ops: opsSchema.optional(),
});

export type Config = z.output<typeof configSchema>;
export type PolicyConfig = z.output<typeof policyConfig>;
export type OrgConfig = z.output<typeof orgSchema>;

/** Reads and validates a config file (JSON or YAML); relative paths resolve from its folder. */
export function loadConfigFile(path: string): Readonly<Config> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (cause) {
    throw new OrgWardenError('CONFIG_NOT_FOUND', `cannot read config file ${path}`, {
      cause,
      actions: ['check the path given with --config'],
    });
  }
  let raw: unknown;
  try {
    raw = /\.json$/i.test(path) ? JSON.parse(text) : YAML.parse(text);
  } catch (cause) {
    const detail = cause instanceof Error ? cause.message : String(cause);
    throw new OrgWardenError('CONFIG_INVALID', `config file ${path} is not valid JSON/YAML: ${detail}`, { cause });
  }
  return parseConfig(raw ?? {}, { baseDir: dirname(resolve(path)), source: path });
}

export interface ParseOptions {
  baseDir?: string;
  source?: string;
}

/** Validates a config object; throws CONFIG_INVALID listing every problem. */
export function parseConfig(raw: unknown, options: ParseOptions = {}): Readonly<Config> {
  const result = configSchema.safeParse(raw);
  const problems = result.success ? [] : result.error.issues.map(formatIssue);
  const config = result.success ? resolvePaths(result.data, options.baseDir ?? process.cwd()) : undefined;
  if (config) problems.push(...policyProblems(config), ...fileProblems(config));
  if (!config || problems.length > 0) {
    const where = options.source ?? 'config';
    throw new OrgWardenError('CONFIG_INVALID', `${where} has ${problems.length} problem(s):\n${problems.join('\n')}`, {
      data: { problems },
      actions: ['fix each listed entry; the README "Configuration" section lists every key'],
    });
  }
  return deepFreeze(config);
}

export function defaultConfig(): Readonly<Config> {
  return parseConfig({});
}

function policyProblems(config: Config): string[] {
  const problems: string[] = [];
  for (const [id, policy] of Object.entries(config.policies)) {
    const known = POLICIES.find((p) => p.meta.id === id);
    if (!known) {
      problems.push(`  policies.${id}: unknown policy id (known: ${POLICIES.map((p) => p.meta.id).join(', ')})`);
      continue;
    }
    for (const [name, value] of Object.entries(policy.thresholds)) {
      const spec = known.meta.thresholds[name];
      if (!spec) problems.push(`  policies.${id}.thresholds.${name}: unknown threshold (known: ${Object.keys(known.meta.thresholds).join(', ')})`);
      else if (value < spec.min || value > spec.max) {
        problems.push(`  policies.${id}.thresholds.${name}: ${value} is outside ${spec.min}..${spec.max}`);
      }
    }
  }
  return problems;
}

/** Files the enrichment reads, checked now so that a wrong path fails the start, not the first page. */
function fileProblems(config: Config): string[] {
  const problems: string[] = [];
  const city = config.geoip.cityDatabase;
  const cityProblem = city === undefined ? undefined : mmdbFileProblem(city);
  if (cityProblem) problems.push(`  geoip.cityDatabase: ${cityProblem}`);
  config.ipFeeds.forEach((feed, i) => {
    const problem = feed.file === undefined ? undefined : readableFileProblem(feed.file);
    if (problem) problems.push(`  ipFeeds.${i}.file: ${problem}`);
  });
  return problems;
}

function readableFileProblem(path: string): string | undefined {
  try {
    if (!statSync(path).isFile()) return `${path} is not a file`;
    accessSync(path, constants.R_OK);
    return undefined;
  } catch (err) {
    return `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`;
  }
}

function formatIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.length ? issue.path.join('.') : '(top level)';
  return `  ${path}: ${issue.message}`;
}

function resolvePaths(config: Config, baseDir: string): Config {
  const orgs = config.orgs.map((org) => ({
    ...org,
    target: org.target?.startsWith('sim:') ? `sim:${resolve(baseDir, org.target.slice(4))}` : org.target,
    jwt: org.jwt && { ...org.jwt, privateKeyFile: resolve(baseDir, org.jwt.privateKeyFile) },
  }));
  const ipFeeds = config.ipFeeds.map((feed) => (feed.file ? { ...feed, file: resolve(baseDir, feed.file) } : feed));
  const terminatedUsersFile = config.terminatedUsersFile && resolve(baseDir, config.terminatedUsersFile);
  const geoip = config.geoip.cityDatabase ? { ...config.geoip, cityDatabase: resolve(baseDir, config.geoip.cityDatabase) } : config.geoip;
  return { ...config, orgs, ipFeeds, terminatedUsersFile, geoip };
}

function isCidr(value: string): boolean {
  const [address, prefix, extra] = value.split('/');
  if (!address || extra !== undefined) return false;
  const family = isIP(address);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/** Environment settings, read here and nowhere else. */
export const env = {
  logLevel: (): string => process.env.ORGWARDEN_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'info',
  redisUrl: (): string | undefined => process.env.ORGWARDEN_REDIS_URL,
  secret: (name: string): string | undefined => process.env[name],
  /** Where downloaded IP feeds keep their last good copy (`feeds/` inside). */
  cacheDir: (): string => process.env.ORGWARDEN_CACHE_DIR || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'orgwarden'),
  /** `off` leaves V8's own heap growth (streams/eventlogs/heap-tuning.ts). */
  heapTuningOff: (): boolean => process.env.ORGWARDEN_HEAP_GROWING_PERCENT === 'off',
  httpProxyVars: (): string[] =>
    ['http_proxy', 'https_proxy', 'HTTP_PROXY', 'HTTPS_PROXY'].filter((name) => process.env[name]),
};
