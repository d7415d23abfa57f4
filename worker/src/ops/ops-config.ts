/**
 * The `ops` section of the configuration: where `orgwarden run` serves the Bull Board dashboard
 * and Prometheus metrics, and the credentials both require. Secrets never sit in the file: it
 * names the environment variables that hold them (like `accessTokenEnv`). Validated with the
 * rest of the config (config.ts), every problem listed with its path.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'the NAME of an environment variable (A-Z, 0-9, _), never the secret itself');

export const DEFAULT_OPS_PORT = 9464;

export const opsSchema = z
  .strictObject({
    /** Address to listen on; 127.0.0.1 keeps the server on this machine. */
    bind: z.string().refine((value) => value === 'localhost' || isIP(value) !== 0, { message: 'an IP address (e.g. 127.0.0.1, 0.0.0.0, ::) or localhost' }).default('127.0.0.1'),
    port: z.number().int().min(0).max(65_535).default(DEFAULT_OPS_PORT),
    /** Environment variable holding a bearer token (Authorization: Bearer …), for Prometheus and scripts. */
    tokenEnv: envName.optional(),
    /** HTTP basic authentication, for browsers: the password is read from `passwordEnv`. */
    basicAuth: z.strictObject({ username: z.string().min(1).max(200).regex(/^[^:]+$/, 'no ":" (it separates user and password)'), passwordEnv: envName }).optional(),
    /** Serve without credentials — only on a loopback address, read-only dashboard. Off unless set. */
    allowAnonymousOnLoopback: z.boolean().default(false),
  })
  .superRefine((ops, ctx) => {
    const credentials = Boolean(ops.tokenEnv || ops.basicAuth);
    const loopback = isLoopback(ops.bind);
    if (ops.allowAnonymousOnLoopback && !loopback) {
      ctx.addIssue({ code: 'custom', path: ['allowAnonymousOnLoopback'], message: `only allowed with a loopback bind address (127.0.0.1, ::1, localhost), not ${ops.bind}` });
    }
    if (!credentials && !loopback) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenEnv'],
        message: `the dashboard and metrics would be open to anyone who can reach ${ops.bind}: set ops.tokenEnv and/or ops.basicAuth (the names of environment variables holding the secrets)`,
      });
    } else if (!credentials && !ops.allowAnonymousOnLoopback) {
      ctx.addIssue({
        code: 'custom',
        path: ['tokenEnv'],
        message: 'no credentials: set ops.tokenEnv and/or ops.basicAuth, or (this machine only, read-only dashboard) ops.allowAnonymousOnLoopback: true',
      });
    }
  });

export type OpsConfig = z.output<typeof opsSchema>;

export function isLoopback(address: string): boolean {
  if (address === 'localhost' || address === '::1') return true;
  return isIP(address) === 4 && address.startsWith('127.');
}
