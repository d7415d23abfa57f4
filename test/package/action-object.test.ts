import { readLayoutFields, readObject, type FieldMeta } from './source-metadata';
import { readFlexiPages, readLayouts, readQuickActions } from './source-pages';

const ACTION = 'Warden_Action__c';
const ALERT = 'Warden_Alert__c';
const action = readObject(ACTION);

/** The governance action's fields (DESIGN §2 and issue 6): type plus the size that matters for each. */
const SPEC: Record<string, Partial<Pick<FieldMeta, 'type' | 'length' | 'referenceTo'>>> = {
  Action_Key__c: { type: 'Text', length: 255 },
  Action_Type__c: { type: 'Picklist' },
  Status__c: { type: 'Picklist' },
  Target_User__c: { type: 'Lookup', referenceTo: 'User' },
  Target_App__c: { type: 'Text', length: 255 },
  Requested_By__c: { type: 'Lookup', referenceTo: 'User' },
  Alert__c: { type: 'Lookup', referenceTo: ALERT },
  Reason__c: { type: 'LongTextArea', length: 32768 },
  Result__c: { type: 'LongTextArea', length: 32768 },
  Revert_Info__c: { type: 'LongTextArea', length: 32768 },
  Reverts_Action__c: { type: 'Lookup', referenceTo: ACTION },
  Completed_At__c: { type: 'DateTime' },
};

function field(name: string) {
  const found = action.fields.get(name);
  if (!found) throw new Error(`${ACTION}.${name} is missing`);
  return found;
}
const values = (name: string) => field(name).values.map((v) => v.apiName);
const view = (name: string) => action.listViews.find((v) => v.name === name);
const requestAction = readQuickActions().find((a) => a.name === `${ALERT}.Request_Action`);

describe('Warden_Action__c', () => {
  it('has exactly the designed fields, with their types and sizes', () => {
    expect([...action.fields.keys()].sort()).toEqual(Object.keys(SPEC).sort());
    for (const [name, spec] of Object.entries(SPEC)) expect(field(name)).toMatchObject({ name, ...spec });
  });

  it('keys the worker’s own requests by Action_Key__c (external id, unique, case-sensitive)', () => {
    expect(field('Action_Key__c')).toMatchObject({ externalId: true, unique: true, caseSensitive: true });
    expect([...action.fields.values()].filter((f) => f.unique).map((f) => f.name)).toEqual(['Action_Key__c']);
  });

  it('numbers actions automatically, so a request needs no name', () => {
    expect(action.nameFieldType).toBe('AutoNumber');
  });

  it('documents every field for admins: label, description and help text', () => {
    const undocumented = [...action.fields.values()].filter((f) => !f.label || !f.description || !f.inlineHelpText).map((f) => f.name);
    expect(undocumented).toEqual([]);
  });

  it('restricts the action types and the life cycle, new requests starting as Requested', () => {
    expect(values('Action_Type__c')).toEqual(['Freeze_User', 'Deactivate_User', 'End_Sessions', 'Revoke_OAuth', 'Notify']);
    expect(values('Status__c')).toEqual(['Requested', 'Approved', 'Running', 'Done', 'Failed', 'Reverted']);
    for (const name of ['Action_Type__c', 'Status__c']) expect(field(name).restricted).toBe(true);
    const defaults = [...action.fields.values()].flatMap((f) => f.values.filter((v) => v.isDefault).map((v) => `${f.name}=${v.apiName}`));
    expect(defaults).toEqual(['Status__c=Requested']);
  });

  it('links alert, users and the reverted action with optional lookups that survive their target', () => {
    expect(field('Alert__c')).toMatchObject({ required: false, deleteConstraint: 'SetNull', relationshipName: 'Warden_Actions' });
    const relationships = ['Target_User__c', 'Requested_By__c', 'Alert__c', 'Reverts_Action__c'].map((name) => field(name));
    expect(relationships.filter((f) => f.required || f.deleteConstraint !== 'SetNull').map((f) => f.name)).toEqual([]);
    expect(new Set(relationships.map((f) => f.relationshipName)).size).toBe(relationships.length);
  });

  it('tracks the status history; Public Read/Write so the integration user can update requests people own', () => {
    expect(action.enableHistory).toBe(true);
    expect([...action.fields.values()].filter((f) => f.trackHistory).map((f) => f.name)).toEqual(['Status__c']);
    expect(action.sharingModel).toBe('ReadWrite');
  });
});

describe('Warden_Action__c views and layouts', () => {
  it('has pending actions (not finished), awaiting approval, failed and all', () => {
    expect(action.listViews.map((v) => v.name).sort()).toEqual(['All', 'Awaiting_Approval', 'Failed_Actions', 'Pending_Actions']);
    expect(view('Pending_Actions')?.filters).toEqual([{ field: 'Status__c', operation: 'equals', value: 'Requested,Approved,Running' }]);
    expect(view('Awaiting_Approval')?.filters).toEqual([{ field: 'Status__c', operation: 'equals', value: 'Requested' }]);
    expect(view('Failed_Actions')?.filters).toEqual([{ field: 'Status__c', operation: 'equals', value: 'Failed' }]);
  });

  it('assigns a compact layout: what, its state, on whom, asked by whom, for which alert', () => {
    expect(action.compactLayouts.get(action.compactLayoutAssignment ?? '')).toEqual(['Name', 'Action_Type__c', 'Status__c', 'Target_User__c', 'Requested_By__c', 'Alert__c']);
  });

  it('page layout shows every field; the worker’s results are read-only', () => {
    const items = readLayoutFields(`${ACTION}-Warden Action Layout`);
    expect([...action.fields.keys()].filter((name) => !items.some((item) => item.field === name))).toEqual([]);
    const readOnly = items.filter((item) => item.behavior === 'Readonly' && action.fields.has(item.field)).map((item) => item.field);
    expect(readOnly.sort()).toEqual(['Action_Key__c', 'Completed_At__c', 'Result__c', 'Revert_Info__c', 'Reverts_Action__c']);
  });
});

describe('requesting an action from an alert', () => {
  it('is a Create quick action on Warden_Alert__c that links the new Warden_Action__c to the alert', () => {
    expect(requestAction).toMatchObject({ object: ALERT, type: 'Create', targetObject: ACTION, targetParentField: 'Alert__c', label: 'Request Action' });
  });

  it('asks for the action type and a reason, and offers the target user and app', () => {
    expect(requestAction?.layoutItems).toEqual([
      { field: 'Action_Type__c', uiBehavior: 'Required' },
      { field: 'Target_User__c', uiBehavior: 'Edit' },
      { field: 'Target_App__c', uiBehavior: 'Edit' },
      { field: 'Reason__c', uiBehavior: 'Required' },
    ]);
  });

  it('predefines the requester (the running user) and the target (the alert’s user), and leaves Status to its default', () => {
    expect(requestAction?.fieldOverrides).toEqual([
      { field: 'Requested_By__c', formula: '$User.Id', literalValue: undefined },
      { field: 'Target_User__c', formula: `${ALERT}.User__c`, literalValue: undefined },
    ]);
  });

  it('is in the alert’s action bar: on the page layout and in the record page’s highlights', () => {
    const layout = readLayouts().find((l) => l.object === ALERT);
    expect(layout?.actions[0]).toEqual({ name: `${ALERT}.Request_Action`, type: 'QuickAction' });
    expect(layout?.relatedLists.map((l) => l.relatedList)).toContain(`${ACTION}.Alert__c`);
    const recordPage = readFlexiPages().find((p) => p.type === 'RecordPage' && p.sobjectType === ALERT);
    const highlights = recordPage?.regions.flatMap((r) => r.components).find((c) => c.name === 'record_flexipage:dynamicHighlights');
    expect(highlights?.listProperties.get('actionNames')?.[0]).toBe(`${ALERT}.Request_Action`);
  });
});
