/**
 * The OrgWarden package is deployed and usable by the service account (README install step 2):
 * the four Warden objects exist, the account may create and edit their records, and every field
 * the worker writes is there, createable and updateable (upsert needs both), keyed on an external
 * id. The worker's own field maps are the list: what write-back and the status writer send.
 */
import { ALERT_KEY_FIELD, ALERT_OBJECT, ALERT_RECORD_FIELDS } from '../alerts/write-back';
import { STATUS_KEY_FIELD, STATUS_OBJECT, STATUS_RECORD_FIELDS } from '../ops/status-record';
import { fail, pass, refusal, sfErrorCode, type Check, type DoctorContext } from './check';
import type { DescribedObject } from './org-facts';

interface PackageObject {
  name: string;
  /** Fields the service account writes. */
  writes(described: DescribedObject): string[];
  keyField: string;
}

/** Findings and actions: the worker owns every field of them (posture results, action outcomes). */
const everyEditableCustomField = (described: DescribedObject) => described.fields.filter((f) => f.custom && !f.calculated && !f.autoNumber).map((f) => f.name);

export const PACKAGE_OBJECTS: readonly PackageObject[] = [
  { name: ALERT_OBJECT, writes: () => Object.keys(ALERT_RECORD_FIELDS), keyField: ALERT_KEY_FIELD },
  { name: STATUS_OBJECT, writes: () => Object.keys(STATUS_RECORD_FIELDS), keyField: STATUS_KEY_FIELD },
  { name: 'Warden_Finding__c', writes: everyEditableCustomField, keyField: 'Finding_Key__c' },
  { name: 'Warden_Action__c', writes: everyEditableCustomField, keyField: 'Action_Key__c' },
];

interface ObjectReport {
  /** Deploying the package fixes these. */
  missing: string[];
  /** Assigning Warden_Integration fixes these. */
  denied: string[];
  fieldCount: number;
}

async function inspect(ctx: DoctorContext, object: PackageObject, visible: boolean): Promise<ObjectReport> {
  const report: ObjectReport = { missing: [], denied: [], fieldCount: 0 };
  if (!visible) {
    report.missing.push(`${object.name} does not exist for the service account`);
    return report;
  }
  let described: DescribedObject;
  try {
    described = await ctx.facts.describe(object.name);
  } catch (err) {
    if (sfErrorCode(err) === undefined) throw err;
    report.missing.push(`${object.name} cannot be described (${refusal(err)})`);
    return report;
  }
  if (!described.createable || !described.updateable) report.denied.push(`${object.name} records cannot be ${described.createable ? 'edited' : 'created'}`);
  const fields = new Map(described.fields.map((f) => [f.name, f]));
  const writes = object.writes(described);
  report.fieldCount = writes.length;
  for (const name of writes) {
    const field = fields.get(name);
    if (!field) report.missing.push(`${object.name}.${name} is missing`);
    else if (!field.createable || !field.updateable) report.denied.push(`${object.name}.${name} is not ${field.createable ? 'editable' : 'createable'}`);
  }
  const key = fields.get(object.keyField);
  if (!key) report.missing.push(`${object.name}.${object.keyField} (the upsert key) is missing`);
  else if (!key.externalId) report.missing.push(`${object.name}.${object.keyField} is not an external id`);
  return report;
}

export const packageCheck: Check = {
  id: 'package',
  async run(ctx) {
    const objects = await ctx.facts.objects();
    const user = await ctx.facts.user();
    const reports = new Map<string, ObjectReport>();
    for (const object of PACKAGE_OBJECTS) reports.set(object.name, await inspect(ctx, object, objects.has(object.name)));
    const missing = [...reports.values()].flatMap((r) => r.missing);
    const denied = [...reports.values()].flatMap((r) => r.denied);
    const fixes: string[] = [];
    if (missing.length) fixes.push('deploy the OrgWarden package: scripts/deploy.sh --target-org <admin alias> (npx sf project deploy start --source-dir force-app)');
    if (denied.length) {
      fixes.push(`assign the Warden_Integration permission set to ${user.Username} (create and edit on the four Warden objects and on every field the worker writes): Setup → Users → Users → ${user.Name ?? user.Username} → Permission Set Assignments → Edit Assignments`);
    }
    if (fixes.length) {
      const shown = [...missing, ...denied];
      const more = shown.length > 8 ? ` … and ${shown.length - 8} more` : '';
      return fail(`${shown.slice(0, 8).join('; ')}${more}`, fixes.join('; then '));
    }
    const counts = PACKAGE_OBJECTS.map((o) => `${reports.get(o.name)?.fieldCount ?? 0} on ${o.name}`).join(', ');
    return pass(`the four Warden objects are deployed and ${user.Username} can create and edit every field the worker writes (${counts})`);
  },
};
