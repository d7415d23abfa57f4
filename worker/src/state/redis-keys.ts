/**
 * Every Redis key OrgWarden writes is `<keyPrefix>:{<orgId>}:<kind>…`: one prefix per deployment
 * (config `redis.keyPrefix`, also BullMQ's prefix), and the org id as a hash tag so one org's keys
 * stay on one Redis Cluster slot (the quota script touches several at once).
 */
export const DEFAULT_KEY_PREFIX = 'ow';

export function orgKey(prefix: string, orgId: string, ...parts: string[]): string {
  return [`${prefix}:{${orgId}}`, ...parts].join(':');
}

/** Pattern matching every key of one org (for the demo's clean start and tests). */
export function orgKeyPattern(prefix: string, orgId: string): string {
  return `${orgKey(prefix, orgId)}:*`;
}
