/**
 * Where an org is reached (DESIGN §4.1 `--org TARGET`): an in-process simulated org
 * (`sim:DIR`), an `sf` CLI alias or username, an access token + instance URL, or a JWT-bearer
 * connected app from the config.
 */
import { OrgWardenError } from '../errors';

export type Target =
  | { kind: 'sim'; dir: string }
  | { kind: 'sf'; usernameOrAlias: string }
  | { kind: 'token'; instanceUrl: string; accessToken: string }
  | { kind: 'jwt'; clientId: string; username: string; privateKeyFile: string; loginUrl: string };

export function parseOrgArgument(value: string): Target {
  if (value.startsWith('sim:')) {
    const dir = value.slice(4);
    if (!dir) throw usage('sim: needs a fixture org directory, e.g. --org sim:test/fixtures/acme');
    return { kind: 'sim', dir };
  }
  if (!/^[\w.@+-]+$/.test(value)) throw usage(`"${value}" is not an sf alias or username`);
  return { kind: 'sf', usernameOrAlias: value };
}

export function tokenTarget(instanceUrl: string, accessToken: string): Target {
  let url: URL;
  try {
    url = new URL(instanceUrl);
  } catch {
    throw usage(`--instance-url "${instanceUrl}" is not a URL (e.g. https://acme.my.salesforce.com)`);
  }
  if (!/^https?:$/.test(url.protocol)) throw usage('--instance-url must be http(s)');
  if (!accessToken) throw usage('--access-token is empty');
  return { kind: 'token', instanceUrl: url.origin, accessToken };
}

/** Human description without secrets, for logs and errors. */
export function describeTarget(target: Target): string {
  switch (target.kind) {
    case 'sim':
      return `simulated org ${target.dir}`;
    case 'sf':
      return `sf org ${target.usernameOrAlias}`;
    case 'token':
      return `org at ${target.instanceUrl}`;
    case 'jwt':
      return `${target.username} via JWT at ${target.loginUrl}`;
  }
}

/** The 15-character org id a Salesforce access token starts with (`00D…!…`). */
export function orgIdFromToken(token: string): string | undefined {
  const m = /^(00D[A-Za-z0-9]{12})(?:[A-Za-z0-9]{3})?!/.exec(token);
  return m?.[1];
}

function usage(message: string): OrgWardenError {
  return new OrgWardenError('TARGET_INVALID', message, {
    actions: ['use --org sim:DIR, --org <sf alias or username>, or --instance-url URL --access-token TOKEN'],
  });
}
