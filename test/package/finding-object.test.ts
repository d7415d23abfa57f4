import { readLayoutFields, readObject, type FieldMeta } from './source-metadata';

const FINDING = 'Warden_Finding__c';
const finding = readObject(FINDING);
const alert = readObject('Warden_Alert__c');

/** The posture finding's fields (DESIGN §2 and issue 6): type plus the size that matters for each. */
const SPEC: Record<string, Partial<Pick<FieldMeta, 'type' | 'length' | 'visibleLines'>>> = {
  Finding_Key__c: { type: 'Text', length: 255 },
  Check_Id__c: { type: 'Text', length: 80 },
  Severity__c: { type: 'Picklist' },
  Status__c: { type: 'Picklist' },
  Current_Value__c: { type: 'Text', length: 255 },
  Expected_Value__c: { type: 'Text', length: 255 },
  Remediation__c: { type: 'LongTextArea', length: 32768 },
  Details__c: { type: 'LongTextArea', length: 32768 },
  Last_Checked__c: { type: 'DateTime' },
};

function field(name: string) {
  const found = finding.fields.get(name);
  if (!found) throw new Error(`${FINDING}.${name} is missing`);
  return found;
}
const values = (f: FieldMeta) => f.values.map((v) => v.apiName);
const view = (name: string) => finding.listViews.find((v) => v.name === name);

describe('Warden_Finding__c', () => {
  it('has exactly the designed fields, with their types and sizes', () => {
    expect([...finding.fields.keys()].sort()).toEqual(Object.keys(SPEC).sort());
    for (const [name, spec] of Object.entries(SPEC)) expect(field(name)).toMatchObject({ name, ...spec });
  });

  it('keys findings by Finding_Key__c (external id, unique, case-sensitive); Check_Id__c is indexed but not unique', () => {
    expect(field('Finding_Key__c')).toMatchObject({ externalId: true, unique: true, caseSensitive: true });
    expect(field('Check_Id__c')).toMatchObject({ externalId: true, unique: false });
    expect([...finding.fields.values()].filter((f) => f.unique).map((f) => f.name)).toEqual(['Finding_Key__c']);
  });

  it('names findings with a Text name field the worker sets to the check title', () => {
    expect(finding.nameFieldType).toBe('Text');
  });

  it('documents every field for admins: label, description and help text', () => {
    const undocumented = [...finding.fields.values()].filter((f) => !f.label || !f.description || !f.inlineHelpText).map((f) => f.name);
    expect(undocumented).toEqual([]);
  });

  it('restricts Status to Pass, Fail and Error and Severity to the alert severities, with no defaults', () => {
    expect(values(field('Status__c'))).toEqual(['Pass', 'Fail', 'Error']);
    expect(values(field('Severity__c'))).toEqual(values(alert.fields.get('Severity__c') as FieldMeta));
    for (const name of ['Status__c', 'Severity__c']) expect(field(name).restricted).toBe(true);
    expect([...finding.fields.values()].flatMap((f) => f.values.filter((v) => v.isDefault))).toEqual([]);
  });

  it('tracks the history of the result, so a regression shows when it happened', () => {
    expect(finding.enableHistory).toBe(true);
    expect([...finding.fields.values()].filter((f) => f.trackHistory).map((f) => f.name).sort()).toEqual(['Current_Value__c', 'Status__c']);
  });

  it('gives long text areas visible lines, and is Public Read Only like status', () => {
    expect([...finding.fields.values()].filter((f) => f.type === 'LongTextArea' && !(f.visibleLines && f.visibleLines > 0))).toEqual([]);
    expect(finding.sharingModel).toBe('Read');
  });
});

describe('Warden_Finding__c views and layouts', () => {
  it('has the failing findings view (Status Fail), checks that could not run (Error) and all', () => {
    expect(finding.listViews.map((v) => v.name).sort()).toEqual(['All', 'Check_Errors', 'Failing_Findings']);
    expect(view('Failing_Findings')?.filters).toEqual([{ field: 'Status__c', operation: 'equals', value: 'Fail' }]);
    expect(view('Check_Errors')?.filters).toEqual([{ field: 'Status__c', operation: 'equals', value: 'Error' }]);
    expect(view('Failing_Findings')?.columns).toEqual(expect.arrayContaining(['Severity__c', 'Current_Value__c', 'Expected_Value__c']));
  });

  it('assigns a compact layout showing the result against the recommendation', () => {
    expect(finding.compactLayouts.get(finding.compactLayoutAssignment ?? '')).toEqual(['Name', 'Status__c', 'Severity__c', 'Current_Value__c', 'Expected_Value__c', 'Last_Checked__c']);
  });

  it('page layout shows every field read-only: the worker owns findings', () => {
    const items = readLayoutFields(`${FINDING}-Warden Finding Layout`);
    expect(items.filter((item) => finding.fields.has(item.field) && item.behavior !== 'Readonly')).toEqual([]);
    expect([...finding.fields.keys()].filter((name) => !items.some((item) => item.field === name))).toEqual([]);
  });
});
