import { ALERT_RECORD_FIELDS } from '../../worker/src/alerts/write-back';
import { workerWriteViolations, type WireType, type WorkerWrites } from './package-rules';
import { readLayoutFields, readObject, type FieldMeta, type ObjectMeta } from './source-metadata';
import { readFlexiPages } from './source-pages';

const ALERT = 'Warden_Alert__c';
const alert = readObject(ALERT);
const objects = new Map([[ALERT, alert]]);
/** What the worker's write-back sends (worker/src/alerts/write-back.ts). */
const workerWrites: WorkerWrites = { [ALERT]: { ...ALERT_RECORD_FIELDS } };

/** Fields triagers own: the worker never writes them (a repeat must not reopen or reclassify an alert). */
const ADMIN_OWNED = ['Status__c', 'Classification__c'];

/** The alert's fields as DESIGN.md §2 specifies them: type plus the size that matters for each. */
const SPEC: Record<string, Partial<Pick<FieldMeta, 'type' | 'length' | 'precision' | 'scale'>>> = {
  Policy_Id__c: { type: 'Text', length: 80 },
  Policy_Name__c: { type: 'Text', length: 255 },
  Severity__c: { type: 'Picklist' },
  Status__c: { type: 'Picklist' },
  Classification__c: { type: 'Picklist' },
  User__c: { type: 'Lookup' },
  Username__c: { type: 'Text', length: 255 },
  Source_IP__c: { type: 'Text', length: 45 },
  Country__c: { type: 'Text', length: 80 },
  First_Occurrence__c: { type: 'DateTime' },
  Last_Occurrence__c: { type: 'DateTime' },
  Event_Count__c: { type: 'Number', precision: 18, scale: 0 },
  Description__c: { type: 'LongTextArea', length: 32768 },
  Evidence__c: { type: 'LongTextArea', length: 131072 },
  MITRE_Technique__c: { type: 'Text', length: 40 },
  Alert_Key__c: { type: 'Text', length: 255 },
};

function field(name: string) {
  const found = alert.fields.get(name);
  if (!found) throw new Error(`${ALERT}.${name} is missing`);
  return found;
}

describe('write-back fields, the contract between the worker and the org package', () => {
  it('lists Warden_Alert__c fields with a known wire type each', () => {
    const wireTypes: WireType[] = ['string', 'number', 'datetime', 'reference'];
    expect(Object.keys(workerWrites)).toEqual([ALERT]);
    for (const type of Object.values(workerWrites[ALERT] ?? {})) expect(wireTypes).toContain(type);
  });

  it('only names fields that exist with a type that takes what the worker sends', () => {
    expect(workerWriteViolations(workerWrites, objects)).toEqual([]);
  });

  it('leaves Status and Classification to the admins', () => {
    expect(Object.keys(workerWrites[ALERT] ?? {})).toEqual(expect.not.arrayContaining(ADMIN_OWNED));
  });

  it('covers every alert field except the admin-owned ones', () => {
    const written = new Set(Object.keys(workerWrites[ALERT] ?? {}));
    const unwritten = [...alert.fields.keys()].filter((name) => !written.has(name));
    expect(unwritten.sort()).toEqual([...ADMIN_OWNED].sort());
  });

  it('reports a field the object lacks, a wrong type and a lookup to the wrong object', () => {
    const broken = structuredClone(alert) as ObjectMeta;
    broken.fields.set('User__c', { ...field('User__c'), referenceTo: 'Account' });
    const writes: WorkerWrites = { [ALERT]: { Risk_Score__c: 'number', Event_Count__c: 'string', User__c: 'reference' } };
    expect(workerWriteViolations(writes, new Map([[ALERT, broken]]))).toEqual([
      `${ALERT}.Risk_Score__c: the worker writes this field but the object has no such field`,
      `${ALERT}.Event_Count__c: the worker sends a string but the field is Number`,
      `${ALERT}.User__c: the worker sends a user id but the lookup points to Account`,
    ]);
  });
});

describe('Warden_Alert__c', () => {
  it('has exactly the designed fields, with their types and sizes', () => {
    expect([...alert.fields.keys()].sort()).toEqual(Object.keys(SPEC).sort());
    for (const [name, spec] of Object.entries(SPEC)) expect(field(name)).toMatchObject({ name, ...spec });
  });

  it('keys alerts by Alert_Key__c: external id, unique, case-sensitive', () => {
    expect(field('Alert_Key__c')).toMatchObject({ externalId: true, unique: true, caseSensitive: true });
    const otherKeys = [...alert.fields.values()].filter((f) => f.externalId && f.name !== 'Alert_Key__c').map((f) => f.name);
    expect(otherKeys).toEqual([]);
  });

  it('names alerts with a Text name field the worker can set', () => {
    expect(alert.nameFieldType).toBe('Text');
  });

  it('documents every field for admins: label, description and help text', () => {
    const undocumented = [...alert.fields.values()]
      .filter((f) => !f.label || !f.description || !f.inlineHelpText)
      .map((f) => f.name);
    expect(undocumented).toEqual([]);
  });

  it('restricts the picklists to their API names, with New as the only default status', () => {
    const values = (name: string) => field(name).values.map((v) => v.apiName);
    expect(values('Severity__c')).toEqual(['Low', 'Medium', 'High']);
    expect(values('Status__c')).toEqual(['New', 'Investigating', 'Resolved', 'Dismissed']);
    expect(values('Classification__c')).toEqual(['True_Positive', 'Benign_True_Positive', 'False_Positive']);
    expect(field('Classification__c').values.map((v) => v.label)).toEqual(['True positive', 'Benign true positive', 'False positive']);
    for (const name of ['Severity__c', 'Status__c', 'Classification__c']) expect(field(name).restricted).toBe(true);
    const defaults = [...alert.fields.values()].flatMap((f) => f.values.filter((v) => v.isDefault).map((v) => `${f.name}=${v.apiName}`));
    expect(defaults).toEqual(['Status__c=New']);
  });

  it('tracks the history of the triage fields', () => {
    expect(alert.enableHistory).toBe(true);
    const tracked = [...alert.fields.values()].filter((f) => f.trackHistory).map((f) => f.name);
    expect(tracked.sort()).toEqual([...ADMIN_OWNED].sort());
  });

  it('links the user with an optional lookup that survives the user', () => {
    expect(field('User__c')).toMatchObject({
      referenceTo: 'User',
      required: false,
      deleteConstraint: 'SetNull',
      relationshipName: 'Warden_Alerts',
    });
  });

  it('gives long text areas the visible lines Salesforce requires', () => {
    const missing = [...alert.fields.values()].filter((f) => f.type === 'LongTextArea' && !(f.visibleLines && f.visibleLines > 0));
    expect(missing.map((f) => f.name)).toEqual([]);
  });

  it('is shared Public Read/Write so triagers can update alerts the integration user owns', () => {
    expect(alert.sharingModel).toBe('ReadWrite');
  });
});

describe('Warden_Alert__c views and layouts', () => {
  // Standard list view columns as the Metadata API names them for custom objects.
  const STANDARD_COLUMNS = new Set(['NAME', 'OWNER.ALIAS', 'CREATED_DATE', 'CREATEDBY_USER', 'LAST_UPDATE', 'UPDATEDBY_USER']);
  const known = (name: string) => alert.fields.has(name) || STANDARD_COLUMNS.has(name);

  it('list views show and filter on existing fields only', () => {
    const unknown = alert.listViews.flatMap((view) =>
      [...view.columns, ...view.filters.map((f) => f.field)].filter((name) => !known(name)).map((name) => `${view.name}: ${name}`),
    );
    expect(unknown).toEqual([]);
  });

  it('has the triage list views, open meaning New or Investigating', () => {
    expect(alert.listViews.map((view) => view.name).sort()).toEqual(
      ['All', 'Closed_Unclassified', 'High_Severity_Open', 'My_Alerts', 'Open_Alerts', 'Recently_Updated'].sort(),
    );
    const statusFilter = (name: string) => alert.listViews.find((view) => view.name === name)?.filters.find((f) => f.field === 'Status__c');
    for (const name of ['Open_Alerts', 'High_Severity_Open', 'My_Alerts']) {
      expect(statusFilter(name)).toEqual({ field: 'Status__c', operation: 'equals', value: 'New,Investigating' });
    }
  });

  it('shows each triager their own open alerts (the ones they took with Change Owner) in My Alerts', () => {
    const mine = alert.listViews.filter((view) => view.filterScope === 'Mine').map((view) => view.name);
    expect(mine).toEqual(['My_Alerts']);
  });

  it('assigns a compact layout of existing fields', () => {
    const assigned = alert.compactLayouts.get(alert.compactLayoutAssignment ?? '');
    expect(assigned).toEqual(['Name', 'Severity__c', 'Status__c', 'Username__c', 'Last_Occurrence__c']);
  });

  it('record page shows the fields in sections, read-only except triage fields and the owner', () => {
    const page = readFlexiPages().find((p) => p.type === 'RecordPage' && p.sobjectType === ALERT);
    const sectionFields = page?.regions.filter((r) => r.name.startsWith('Facet-') && r.name.includes('Section')).flatMap((r) => r.fields) ?? [];
    const shown = sectionFields.map((f) => f.field.replace(/^Record\./, ''));
    expect([...alert.fields.keys()].filter((name) => !shown.includes(name))).toEqual([]);
    const editable = sectionFields.filter((f) => f.uiBehavior !== 'readonly').map((f) => f.field.replace(/^Record\./, ''));
    expect(editable.sort()).toEqual([...ADMIN_OWNED, 'OwnerId'].sort());
  });

  it('page layout shows every field, editable only where admins own the value', () => {
    const items = readLayoutFields(`${ALERT}-Warden Alert Layout`);
    const onLayout = new Set(items.map((item) => item.field));
    expect([...alert.fields.keys()].filter((name) => !onLayout.has(name))).toEqual([]);
    const editable = items.filter((item) => item.behavior === 'Edit' && alert.fields.has(item.field)).map((item) => item.field);
    expect(editable.sort()).toEqual([...ADMIN_OWNED].sort());
  });
});
