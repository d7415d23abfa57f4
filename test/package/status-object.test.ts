import { STATUS_LENGTH, STATUS_RECORD_FIELDS } from '../../worker/src/ops/status-record';
import { workerWriteViolations, type WorkerWrites } from './package-rules';
import { readLayoutFields, readObject, type FieldMeta, type ObjectMeta } from './source-metadata';

const STATUS = 'Warden_Status__c';
const status = readObject(STATUS);
const objects = new Map([[STATUS, status]]);
/** What the status writer sends (worker/src/ops/status-record.ts). */
const workerWrites: WorkerWrites = { [STATUS]: { ...STATUS_RECORD_FIELDS } };

const count = { type: 'Number', precision: 18, scale: 0 } as const;
/** The status fields as DESIGN.md §2 specifies them: type plus the size that matters for each. */
const SPEC: Record<string, Partial<Pick<FieldMeta, 'type' | 'length' | 'precision' | 'scale'>>> = {
  Status_Key__c: { type: 'Text', length: STATUS_LENGTH.key },
  Kind__c: { type: 'Picklist' },
  Stream__c: { type: 'Text', length: STATUS_LENGTH.stream },
  State__c: { type: 'Picklist' },
  State_Reason__c: { type: 'Text', length: STATUS_LENGTH.reason },
  Last_Success__c: { type: 'DateTime' },
  Last_Error__c: { type: 'Text', length: STATUS_LENGTH.error },
  Last_Error_Time__c: { type: 'DateTime' },
  Consecutive_Failures__c: { type: 'Number', precision: 9, scale: 0 },
  Cursor__c: { type: 'Text', length: STATUS_LENGTH.cursor },
  Lag_Minutes__c: count,
  Poll_Interval_Minutes__c: { type: 'Number', precision: 9, scale: 0 },
  Records_Last_Pass__c: count,
  Records_Total__c: count,
  Records_Skipped__c: count,
  API_Calls_Used__c: count,
  API_Calls_Limit__c: count,
  API_Calls_Reserve__c: count,
  Queue_Waiting__c: count,
  Queue_Active__c: count,
  Queue_Delayed__c: count,
  Queue_Failed__c: count,
  Heartbeat__c: { type: 'DateTime' },
  Worker_Host__c: { type: 'Text', length: STATUS_LENGTH.host },
  Worker_PID__c: { type: 'Number', precision: 10, scale: 0 },
  Worker_Version__c: { type: 'Text', length: STATUS_LENGTH.version },
};

function field(name: string) {
  const found = status.fields.get(name);
  if (!found) throw new Error(`${STATUS}.${name} is missing`);
  return found;
}

describe('status writes, the contract between the worker and the org package', () => {
  it('only names fields that exist with a type that takes what the worker sends', () => {
    expect(workerWriteViolations(workerWrites, objects)).toEqual([]);
  });

  it('covers every status field: the worker owns the whole record', () => {
    const written = new Set(Object.keys(workerWrites[STATUS] ?? {}));
    expect([...status.fields.keys()].filter((name) => !written.has(name))).toEqual([]);
  });

  it('reports a status field the object lacks or that has the wrong type', () => {
    const broken = structuredClone(status) as ObjectMeta;
    broken.fields.delete('Heartbeat__c');
    broken.fields.set('Lag_Minutes__c', { ...field('Lag_Minutes__c'), type: 'Text' });
    expect(workerWriteViolations(workerWrites, new Map([[STATUS, broken]]))).toEqual([
      `${STATUS}.Lag_Minutes__c: the worker sends a number but the field is Text`,
      `${STATUS}.Heartbeat__c: the worker writes this field but the object has no such field`,
    ]);
  });
});

describe('Warden_Status__c', () => {
  it('has exactly the designed fields, with their types and sizes', () => {
    expect([...status.fields.keys()].sort()).toEqual(Object.keys(SPEC).sort());
    for (const [name, spec] of Object.entries(SPEC)) expect(field(name)).toMatchObject({ name, ...spec });
  });

  it('keys records by Status_Key__c: external id, unique, case-sensitive, the only external id', () => {
    expect(field('Status_Key__c')).toMatchObject({ externalId: true, unique: true, caseSensitive: true });
    expect([...status.fields.values()].filter((f) => f.externalId).map((f) => f.name)).toEqual(['Status_Key__c']);
  });

  it('names records with a Text name field the worker can set', () => {
    expect(status.nameFieldType).toBe('Text');
  });

  it('documents every field for admins: label, description and help text', () => {
    const undocumented = [...status.fields.values()].filter((f) => !f.label || !f.description || !f.inlineHelpText).map((f) => f.name);
    expect(undocumented).toEqual([]);
  });

  it('restricts Kind and State to the API names the worker sends, with no default', () => {
    const values = (name: string) => field(name).values.map((v) => v.apiName);
    expect(values('Kind__c')).toEqual(['Stream', 'Worker']);
    expect(values('State__c')).toEqual(['Healthy', 'Degraded', 'Failing', 'Disabled', 'Not_Available']);
    expect(field('State__c').values.map((v) => v.label)).toContain('Not available');
    for (const name of ['Kind__c', 'State__c']) expect(field(name).restricted).toBe(true);
    expect([...status.fields.values()].flatMap((f) => f.values.filter((v) => v.isDefault))).toEqual([]);
  });

  it('is Public Read Only: the integration user owns the records, triagers read them', () => {
    expect(status.sharingModel).toBe('Read');
    expect(status.enableHistory).toBe(false);
  });
});

describe('Warden_Status__c views and layouts', () => {
  const STANDARD_COLUMNS = new Set(['NAME', 'OWNER.ALIAS', 'CREATED_DATE', 'CREATEDBY_USER', 'LAST_UPDATE', 'UPDATEDBY_USER']);
  const known = (name: string) => status.fields.has(name) || STANDARD_COLUMNS.has(name);
  const view = (name: string) => status.listViews.find((v) => v.name === name);

  it('list views show and filter on existing fields only', () => {
    const unknown = status.listViews.flatMap((v) => [...v.columns, ...v.filters.map((f) => f.field)].filter((name) => !known(name)).map((name) => `${v.name}: ${name}`));
    expect(unknown).toEqual([]);
  });

  it('has views for streams, workers and what needs attention, filtering on picklist API names', () => {
    expect(status.listViews.map((v) => v.name).sort()).toEqual(['All', 'Needs_Attention', 'Streams', 'Workers']);
    expect(view('Streams')?.filters).toEqual([{ field: 'Kind__c', operation: 'equals', value: 'Stream' }]);
    expect(view('Workers')?.filters).toEqual([{ field: 'Kind__c', operation: 'equals', value: 'Worker' }]);
    expect(view('Needs_Attention')?.filters).toEqual([{ field: 'State__c', operation: 'equals', value: 'Degraded,Failing' }]);
    expect(view('Workers')?.columns).toEqual(expect.arrayContaining(['Heartbeat__c', 'Queue_Waiting__c', 'Queue_Failed__c', 'API_Calls_Reserve__c']));
    expect(view('Streams')?.columns).toEqual(expect.arrayContaining(['State__c', 'Last_Success__c', 'Lag_Minutes__c', 'Last_Error__c']));
  });

  it('assigns a compact layout of existing fields', () => {
    const assigned = status.compactLayouts.get(status.compactLayoutAssignment ?? '');
    expect(assigned).toEqual(['Name', 'Kind__c', 'State__c', 'Last_Success__c', 'Lag_Minutes__c', 'Heartbeat__c']);
  });

  it('page layout shows every field, all read-only', () => {
    const items = readLayoutFields(`${STATUS}-Warden Status Layout`);
    const onLayout = new Set(items.map((item) => item.field));
    expect([...status.fields.keys()].filter((name) => !onLayout.has(name))).toEqual([]);
    expect(items.filter((item) => item.behavior === 'Edit').map((item) => item.field)).toEqual([]);
  });
});
