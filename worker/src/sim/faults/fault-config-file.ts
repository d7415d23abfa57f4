/**
 * Where a simulator's faults come from at start: org.json `faults` (part of the fixture, so a
 * fixture can ship its own bad day) and the `faults` option — a faults.json / faults.yaml path or
 * the configuration itself. Rules from both apply, org.json's first; the option's seed wins.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { FaultConfigError, parseFaultConfig, type FaultConfigInput } from './fault-config';

/** Reads and validates a JSON or YAML (`.yaml`/`.yml`) fault file; throws FaultConfigError listing every problem. */
export function readFaultConfigFile(file: string): FaultConfigInput {
  const yaml = /\.ya?ml$/i.test(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new FaultConfigError(file, [`cannot be read (${(err as Error).message})`]);
  }
  let value: unknown;
  try {
    value = yaml ? YAML.parse(text) : JSON.parse(text);
  } catch (err) {
    throw new FaultConfigError(file, [`is not valid ${yaml ? 'YAML' : 'JSON'} (${(err as Error).message})`]);
  }
  parseFaultConfig(value, file);
  return value as FaultConfigInput;
}

/** org.json's rules, then the option's; the option's seed, else org.json's. */
export function combinedFaultConfig(fromOrg: FaultConfigInput | undefined, option: string | FaultConfigInput | undefined): FaultConfigInput {
  const extra = typeof option === 'string' ? readFaultConfigFile(option) : option;
  const seed = extra?.seed ?? fromOrg?.seed;
  return { ...(seed !== undefined ? { seed } : {}), rules: [...(fromOrg?.rules ?? []), ...(extra?.rules ?? [])] };
}
