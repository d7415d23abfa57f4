/**
 * `security/HealthCheck.json` (DESIGN §4.3) → the org's Health Check rows:
 *
 * ```json
 * {"score": 86, "risks": [{"RiskType": "HIGH_RISK", "Setting": "Minimum password length",
 *   "SettingGroup": "Password Policies", "OrgValue": "5 characters", "OrgValueRaw": "5", …}],
 *  "durableId"?: "…", "customBaselineId"?: "…"}
 * ```
 *
 * `risks` rows use SecurityHealthCheckRisks API field names; numbers are served as strings (every
 * field of both objects is a string). Salesforce does not document the form of `DurableId`s:
 * absent ones default to the organization id (the check) and `<check DurableId>-<n>` (risk n).
 * No file: the org's Health Check has no data, so both objects answer with no rows.
 */
import type { FixtureProblem } from '../fixture/fixture-error';
import type { SimRecord } from '../schema/types';
import { EMPTY_ID, toolingSchema } from './tooling-schema';

export interface HealthCheckRows {
  SecurityHealthCheck: SimRecord[];
  SecurityHealthCheckRisks: SimRecord[];
}

const FILE = 'security/HealthCheck.json';
const TOP_KEYS = ['score', 'risks', 'durableId', 'customBaselineId'];

function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

function scoreText(score: unknown, problems: FixtureProblem[]): string {
  const n = typeof score === 'string' && score.trim() !== '' ? Number(score) : score;
  if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 100) return String(n);
  problems.push({ file: FILE, message: `score ${JSON.stringify(score)} is not an integer from 0 to 100`, fix: 'set "score" to the Health Check score, e.g. 86' });
  return '0';
}

function optionalText(value: unknown, key: string, problems: FixtureProblem[]): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  problems.push({ file: FILE, message: `${key} must be a string` });
  return null;
}

/** One risk row with canonical field names and string values; problems for anything else. */
function riskRecord(raw: unknown, index: number, checkId: string, problems: FixtureProblem[]): SimRecord {
  const def = toolingSchema.get('SecurityHealthCheckRisks');
  const at = (message: string, fix?: string): void => void problems.push({ file: FILE, recordIndex: index, message: `risks[${index}]: ${message}`, ...(fix ? { fix } : {}) });
  const out: Record<string, unknown> = { SecurityHealthCheckId: checkId, DurableId: `${checkId}-${index + 1}` };
  if (!isObject(raw)) {
    at('must be an object of SecurityHealthCheckRisks fields');
    return { ...out, Id: String(out['DurableId']) };
  }
  for (const [key, value] of Object.entries(raw)) {
    const field = def?.fields.get(key.toLowerCase());
    if (!field) at(`${key} is not a SecurityHealthCheckRisks field`, 'use DurableId, SecurityHealthCheckId, RiskType, Setting, SettingGroup, OrgValue, OrgValueRaw, StandardValue, StandardValueRaw, SettingRiskCategory');
    else if (value !== null && typeof value !== 'string' && typeof value !== 'number') at(`${key} must be a string`);
    else if (value !== null && field.picklistValues && !field.picklistValues.includes(String(value))) at(`${key} ${String(value)} is not one of ${field.picklistValues.join(', ')}`);
    else out[field.name] = value === null ? null : String(value);
  }
  if (out['SecurityHealthCheckId'] !== checkId) at(`SecurityHealthCheckId must be the check's DurableId ${checkId}`, 'leave it out');
  for (const required of ['RiskType', 'Setting']) if (!out[required]) at(`${required} is required`);
  return { ...out, Id: String(out['DurableId']) };
}

/** The Health Check rows of the fixture's parsed `HealthCheck.json` (undefined: no file). */
export function healthCheckRows(raw: unknown, organizationId: string, problems: FixtureProblem[]): HealthCheckRows {
  if (raw === undefined) return { SecurityHealthCheck: [], SecurityHealthCheckRisks: [] };
  if (!isObject(raw)) {
    problems.push({ file: FILE, message: 'must be an object {"score": …, "risks": [SecurityHealthCheckRisks rows]}' });
    return { SecurityHealthCheck: [], SecurityHealthCheckRisks: [] };
  }
  for (const key of Object.keys(raw).filter((k) => !TOP_KEYS.includes(k))) problems.push({ file: FILE, message: `unknown key ${key}`, fix: `use ${TOP_KEYS.join(', ')}` });
  const durableId = optionalText(raw['durableId'], 'durableId', problems) ?? organizationId;
  const check: SimRecord = { Id: EMPTY_ID, CustomBaselineId: optionalText(raw['customBaselineId'], 'customBaselineId', problems), DurableId: durableId, Score: scoreText(raw['score'], problems) };
  const risks = raw['risks'] ?? [];
  if (!Array.isArray(risks)) problems.push({ file: FILE, message: 'risks must be an array of SecurityHealthCheckRisks rows' });
  const rows = Array.isArray(risks) ? risks.map((r, i) => riskRecord(r, i, durableId, problems)) : [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (seen.has(r.Id)) problems.push({ file: FILE, recordIndex: i, message: `risks[${i}]: DurableId ${r.Id} is used twice` });
    seen.add(r.Id);
  });
  return { SecurityHealthCheck: [check], SecurityHealthCheckRisks: rows };
}
