/**
 * `orgwarden sim --data DIR [--port N]` (DESIGN §4.1): serves a fixture org over the Salesforce
 * REST API on 127.0.0.1, prints `listening http://127.0.0.1:N` and `access-token TOKEN` on their
 * own lines, and serves until SIGINT/SIGTERM. Exit codes: 0 stopped cleanly, 2 bad input.
 */
import { parseArgs } from 'node:util';
import { FaultConfigError, FixtureError, OrgSimulator } from '../sim';

export const SIM_HELP = `Usage: orgwarden sim --data DIR [--port N] [--faults FILE]
       orgwarden sim generate --users N --days D --seed S --out DIR   (see orgwarden sim generate --help)

Serve a fixture org (org.json, records/, eventlogs/, security/) over the Salesforce REST API
on 127.0.0.1 until stopped (Ctrl-C). Prints the URL and a valid access token:

  listening http://127.0.0.1:N
  access-token TOKEN

Options:
  --data DIR   fixture org directory (the one holding org.json)
  --port N       port to listen on; 0 (default) picks a free one
  --faults FILE  faults on demand (JSON or YAML: {"seed", "rules": [...]}), added to org.json "faults"
  -h, --help     show this help

Simulator controls (no token needed): GET/POST /__sim/api-usage {"used":N}, GET/POST /__sim/clock {"now":ISO},
GET/PUT/POST/DELETE /__sim/faults, GET/DELETE /__sim/emails. See worker/src/sim/README.md.
`;

export interface SimCommandIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Stops the server when aborted (tests); SIGINT/SIGTERM always do. */
  stopSignal?: AbortSignal;
}

const processIo: SimCommandIo = { stdout: process.stdout, stderr: process.stderr };

class BadInput extends Error {}

function parse(argv: string[]): { data?: string; port: number; faults?: string; help: boolean } {
  let values;
  try {
    const options = { data: { type: 'string' }, port: { type: 'string' }, faults: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }));
  } catch (err) {
    throw new BadInput(`${(err as Error).message}\n\n${SIM_HELP}`);
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new BadInput(`--port must be a whole number from 0 to 65535, got "${values.port}"`);
  return { ...(values.data !== undefined ? { data: values.data } : {}), ...(values.faults !== undefined ? { faults: values.faults } : {}), port, help: values.help === true };
}

function waitForStop(signal: AbortSignal | undefined): Promise<string> {
  return new Promise((resolve) => {
    const done = (reason: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(reason);
    };
    const onInt = () => done('SIGINT');
    const onTerm = () => done('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    if (signal?.aborted) done('abort');
    signal?.addEventListener('abort', () => done('abort'), { once: true });
  });
}

async function startSimulator(data: string, port: number, faults: string | undefined, io: SimCommandIo): Promise<{ sim: OrgSimulator; url: string; token: string }> {
  let sim: OrgSimulator;
  try {
    sim = await OrgSimulator.load(data, faults === undefined ? {} : { faults });
  } catch (err) {
    if (err instanceof FixtureError || err instanceof FaultConfigError) throw new BadInput(err.message);
    throw new BadInput(`cannot load fixture org ${data}: ${(err as Error).message}`);
  }
  for (const warning of sim.warnings) io.stderr.write(`orgwarden sim: warning: ${warning}\n`);
  let token: string;
  try {
    token = sim.issueAccessToken();
  } catch (err) {
    throw new BadInput(`${(err as Error).message}`);
  }
  try {
    const { url } = await sim.start({ port });
    return { sim, url, token };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BadInput(code === 'EADDRINUSE' ? `port ${port} is already in use: pick another --port, or --port 0 for any free one` : `cannot listen on port ${port}: ${(err as Error).message}`);
  }
}

export async function simCommand(argv: string[], io: SimCommandIo = processIo): Promise<number> {
  // `orgwarden sim generate …` writes a fixture org instead of serving one (cli/sim-generate.ts).
  if (argv[0] === 'generate') return (await import('./sim-generate')).simGenerateCommand(argv.slice(1), io);
  try {
    const args = parse(argv);
    if (args.help) {
      io.stdout.write(SIM_HELP);
      return 0;
    }
    if (!args.data) throw new BadInput('--data DIR is required: the fixture org directory holding org.json');
    const { sim, url, token } = await startSimulator(args.data, args.port, args.faults, io);
    io.stdout.write(`listening ${url}\naccess-token ${token}\n`);
    await waitForStop(io.stopSignal);
    await sim.stop();
    return 0;
  } catch (err) {
    if (!(err instanceof BadInput)) throw err;
    io.stderr.write(`orgwarden sim: ${err.message}\n`);
    return 2;
  }
}
