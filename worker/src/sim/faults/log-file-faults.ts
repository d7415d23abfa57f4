/**
 * The LogFile phase: once the route has found the file and sent the headers, decides which
 * LogFile rules strike this download and streams the body through them. `corrupt-csv` draws its
 * probability per file (a corrupt file is corrupt on every download); the first `reset` with
 * `afterBytes` that strikes cuts the body, later ones are not consulted.
 */
import { createReadStream } from 'node:fs';
import type { Transform } from 'node:stream';
import type { Exchange } from '../http/send';
import type { SimRecord } from '../schema/types';
import { CsvCorruptor, planDefects } from './csv-corruption';
import { countCsvRecords } from './csv-records';
import type { FaultEngine } from './fault-engine';
import { CSV_DEFECTS, type RuleOf } from './fault-config';
import type { RequestContext, RuleState } from './fault-rules';
import { sendLogFileBody } from './log-file-body';
import { SeededRandom } from './seeded-random';
import { SlowStream } from './slow-stream';

function struckRules(engine: FaultEngine, req: RequestContext, record: SimRecord): RuleState[] {
  const nowMs = engine.deps.clock.nowMs();
  const struck: RuleState[] = [];
  for (const state of engine.statesIn('log-file')) {
    const rule = state.rule;
    if (rule.kind === 'corrupt-csv' && rule.eventTypes && !rule.eventTypes.includes(String(record['EventType']))) continue;
    if (rule.kind === 'reset' && struck.some((s) => s.rule.kind === 'reset')) continue;
    if (state.strikes(req, nowMs, rule.kind === 'corrupt-csv' ? `file-${record.Id}` : undefined)) struck.push(state);
  }
  return struck;
}

async function corruptor(engine: FaultEngine, req: RequestContext, state: RuleState, record: SimRecord, file: string): Promise<Transform> {
  const rule = state.rule as RuleOf<'corrupt-csv'>;
  const records = await countCsvRecords(file);
  const plan = planDefects(rule.defects ?? CSV_DEFECTS, Math.max(0, records - 1), new SeededRandom(engine.seed, rule.id, record.Id, 'plan'));
  engine.note(req, state, { fileId: record.Id, eventType: record['EventType'], defects: plan });
  return new CsvCorruptor(plan, new SeededRandom(engine.seed, rule.id, record.Id, 'damage'));
}

async function sendWithFaults(engine: FaultEngine, ex: Exchange, req: RequestContext, struck: RuleState[], record: SimRecord, file: string, gzip: boolean): Promise<void> {
  const stages: Transform[] = [];
  for (const state of struck) if (state.rule.kind === 'corrupt-csv') stages.push(await corruptor(engine, req, state, record, file));
  for (const state of struck) {
    if (state.rule.kind !== 'slow-body') continue;
    engine.note(req, state, { fileId: record.Id, bytesPerSecond: state.rule.bytesPerSecond });
    stages.push(new SlowStream(state.rule.bytesPerSecond));
  }
  const reset = struck.find((s) => s.rule.kind === 'reset');
  const rule = reset?.rule as RuleOf<'reset'> | undefined;
  const cut = rule ? { afterBytes: rule.afterBytes ?? 0, how: rule.how ?? 'reset' } : undefined;
  const noted = reset && cut && engine.note(req, reset, { fileId: record.Id, afterBytes: cut.afterBytes, how: cut.how, gzip });
  const sent = await sendLogFileBody(ex.res, createReadStream(file), gzip, { stages, ...(cut ? { cut } : {}) });
  if (noted && sent !== undefined) noted.detail['bytesSent'] = sent;
}

/** Streams the body with this download's faults; undefined when none strikes (the route sends it as usual). */
export function serveLogFileWithFaults(engine: FaultEngine, ex: Exchange, record: SimRecord, file: string, gzip: boolean): Promise<void> | undefined {
  const req = engine.requestOf(ex.req);
  if (!req) return undefined;
  const struck = struckRules(engine, req, record);
  return struck.length ? sendWithFaults(engine, ex, req, struck, record, file, gzip) : undefined;
}
