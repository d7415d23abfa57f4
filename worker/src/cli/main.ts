/**
 * The `orgwarden` command: dispatches to one file per command. Exit codes: 0 done,
 * 1 finished with problems (e.g. alerts not written back), 2 bad input (usage, config, target).
 */
import { formatForUser, OrgWardenError } from '../errors';
import { packageVersion } from '../paths';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  scan: { summary: 'one pass over an org: ingest, detect, write alerts back, print them', load: async () => (await import('./scan')).scanCommand },
  run: { summary: 'the long-running worker: schedules, queues, retries (needs Redis)', load: async () => (await import('./run')).runCommand },
  backfill: { summary: "read an org's streams from a date into the worker's state (needs Redis)", load: async () => (await import('./backfill')).backfillCommand },
  doctor: { summary: 'check an org is ready for OrgWarden (permissions, package, settings) and say how to fix it', load: async () => (await import('./doctor')).doctorCommand },
  sim: { summary: 'serve a fixture org over the Salesforce REST API', load: async () => (await import('./sim')).simCommand },
  demo: { summary: 'simulated org + worker on this machine, alerts written back and printed', load: async () => (await import('./demo')).demoCommand },
};

export const HELP = `orgwarden — security monitor for Salesforce orgs

Usage: orgwarden <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(10)}${c.summary}`)
  .join('\n')}

Run "orgwarden <command> --help" for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`orgwarden: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await (await command.load())(rest);
  } catch (err) {
    process.stderr.write(`${formatForUser(err)}\n`);
    return err instanceof OrgWardenError && BAD_INPUT.has(err.code) ? 2 : 1;
  }
}

const BAD_INPUT = new Set(['USAGE', 'CONFIG_INVALID', 'CONFIG_NOT_FOUND', 'TARGET_INVALID', 'FIXTURE_INVALID']);
