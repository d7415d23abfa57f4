/**
 * Who may see the dashboard and the metrics. Credentials come from environment variables named
 * in the config and are checked at start-up (a missing or weak secret stops `run` with every
 * problem listed). Requests are compared in constant time: both sides are hashed to SHA-256
 * first, so neither the length nor the first differing byte shows in the response time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { env } from '../config';
import { OrgWardenError } from '../errors';
import { isLoopback, type OpsConfig } from './ops-config';

/** Shorter secrets are refused: they can be guessed from the network. */
export const MIN_SECRET_LENGTH = 16;

export interface OpsCredentials {
  token?: Buffer;
  basic?: { username: Buffer; password: Buffer };
  /** No credentials: loopback only, read-only dashboard (ops.allowAnonymousOnLoopback). */
  anonymous: boolean;
}

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

/** Reads the secrets the config names; throws CONFIG_INVALID listing every problem. */
export function resolveCredentials(ops: OpsConfig, read: (name: string) => string | undefined = env.secret): OpsCredentials {
  const problems: string[] = [];
  const secret = (path: string, name: string): string | undefined => {
    const value = read(name);
    if (!value) problems.push(`  ${path}: environment variable ${name} is not set`);
    else if (value.length < MIN_SECRET_LENGTH) problems.push(`  ${path}: the secret in ${name} is shorter than ${MIN_SECRET_LENGTH} characters`);
    else return value;
    return undefined;
  };
  const token = ops.tokenEnv === undefined ? undefined : secret('ops.tokenEnv', ops.tokenEnv);
  const password = ops.basicAuth === undefined ? undefined : secret('ops.basicAuth.passwordEnv', ops.basicAuth.passwordEnv);
  if (problems.length > 0) {
    throw new OrgWardenError('CONFIG_INVALID', `the dashboard and metrics cannot start without their credentials:\n${problems.join('\n')}`, {
      data: { problems },
      actions: ['export each variable before starting the worker, e.g. export ORGWARDEN_OPS_TOKEN="$(openssl rand -hex 32)"'],
    });
  }
  const credentials: OpsCredentials = { anonymous: !ops.tokenEnv && !ops.basicAuth };
  if (token) credentials.token = digest(token);
  if (ops.basicAuth && password) credentials.basic = { username: digest(ops.basicAuth.username), password: digest(password) };
  if (credentials.anonymous && !(ops.allowAnonymousOnLoopback && isLoopback(ops.bind))) {
    // The config schema already refuses this; a second guard costs nothing.
    throw new OrgWardenError('CONFIG_INVALID', 'the dashboard and metrics need credentials (ops.tokenEnv or ops.basicAuth)');
  }
  return credentials;
}

/** Basic-auth credentials held in memory (the demo's generated password). */
export function basicCredentials(username: string, password: string): OpsCredentials {
  return { anonymous: false, basic: { username: digest(username), password: digest(password) } };
}

/** Whether an Authorization header carries the configured bearer token or basic credentials. */
export function isAuthorized(header: string | undefined, credentials: OpsCredentials): boolean {
  if (!header) return false;
  const space = header.indexOf(' ');
  const scheme = header.slice(0, space).toLowerCase();
  const value = header.slice(space + 1).trim();
  if (space <= 0 || !value) return false;
  if (scheme === 'bearer' && credentials.token) return timingSafeEqual(digest(value), credentials.token);
  if (scheme === 'basic' && credentials.basic) {
    const decoded = Buffer.from(value, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return false;
    // Both halves are always compared, so a right username takes as long as a wrong one.
    const userOk = timingSafeEqual(digest(decoded.slice(0, colon)), credentials.basic.username);
    const passwordOk = timingSafeEqual(digest(decoded.slice(colon + 1)), credentials.basic.password);
    return userOk && passwordOk;
  }
  return false;
}

/** The challenge of a 401: Basic first when configured, so a browser asks for a password. */
export function challenge(credentials: OpsCredentials): string {
  const schemes = [];
  if (credentials.basic) schemes.push('Basic realm="OrgWarden", charset="UTF-8"');
  if (credentials.token) schemes.push('Bearer realm="OrgWarden"');
  return schemes.join(', ');
}

/** Anonymous mode accepts only requests addressed to a loopback name (blocks DNS rebinding from a web page). */
export function isLoopbackHost(hostHeader: string | undefined): boolean {
  if (!hostHeader) return false;
  const host = hostHeader.startsWith('[') ? hostHeader.slice(1, hostHeader.indexOf(']')) : hostHeader.replace(/:\d+$/, '');
  return isLoopback(host.toLowerCase());
}
