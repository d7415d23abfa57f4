import { defaultConfig, env, loadConfigFile, type Config } from '../config';
import { CHECK_IDS, CHECK_SUMMARIES } from '../doctor/check';
import { formatReport, reportJson } from '../doctor/report-format';
import { runDoctor } from '../doctor/run-doctor';
import { OrgWardenError } from '../errors';
import { createLogger } from '../logger';
import { targetOf } from '../pipeline/org-runtime';
import { describeTarget, parseOrgArgument, tokenTarget, type Target } from '../salesforce/targets';
import { parseCommandArgs } from './args';

export const DOCTOR_HELP = `Usage: orgwarden doctor --org TARGET [--config FILE] [--json]
       orgwarden doctor --instance-url URL --access-token TOKEN [--config FILE] [--json]

Checks every prerequisite of README "Install in your org" as the account the worker signs in as,
and says how to fix each failure. About 30 API calls, through the quota governor (they stop at
the reserve); no Redis needed. Exit 0 when no check failed (warnings allowed), 1 when one did,
2 on bad input.

Checks:
${CHECK_IDS.map((id) => `  ${id.padEnd(20)}${CHECK_SUMMARIES[id]}`).join('\n')}

Options:
  --org TARGET          an org name from --config, sim:DIR (in-process simulated org), or an sf
                        CLI alias/username
  --instance-url URL    with --access-token: an org reached by a session token
  --config FILE         the worker's configuration (its orgs, reservePercent)
  --json                print {"ok", "checks": [{"id", "status", "observed", "fix"}]} instead
`;

const OPTIONS = {
  org: { type: 'string' },
  'instance-url': { type: 'string' },
  'access-token': { type: 'string' },
  config: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function doctorCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(argv, OPTIONS, DOCTOR_HELP);
  if (values.help) {
    process.stdout.write(DOCTOR_HELP);
    return 0;
  }
  const config = values.config ? loadConfigFile(values.config) : defaultConfig();
  const target = targetFrom(values, config);
  // Info-level logs would repeat what the report says; warnings and errors still go to stderr.
  const log = createLogger({ level: env.logLevel() === 'info' ? 'warn' : env.logLevel() });
  const report = await runDoctor({ target, config, log });
  process.stdout.write(values.json ? reportJson(report) : formatReport(report, `orgwarden doctor: ${describeTarget(target)}`));
  return report.ok ? 0 : 1;
}

function targetFrom(values: { org?: string | undefined; 'instance-url'?: string | undefined; 'access-token'?: string | undefined }, config: Readonly<Config>): Target {
  const url = values['instance-url'];
  const token = values['access-token'];
  if (values.org && (url || token)) throw new OrgWardenError('USAGE', 'give either --org or --instance-url with --access-token, not both');
  if (values.org) {
    // A name from the config checks exactly what the worker uses (its JWT app, its token variable).
    const named = config.orgs.find((org) => org.name === values.org);
    return named ? targetOf(named) : parseOrgArgument(values.org);
  }
  if (url && token) return tokenTarget(url, token);
  throw new OrgWardenError('USAGE', url || token ? '--instance-url and --access-token go together' : 'no org given', {
    actions: ['orgwarden doctor --org sim:test/fixtures/acme', 'orgwarden doctor --org my-prod-alias', 'orgwarden doctor --instance-url URL --access-token TOKEN'],
  });
}
