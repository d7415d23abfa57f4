import { ALERT_RECORD_FIELDS } from '../../worker/src/alerts/write-back';
import { STATUS_RECORD_FIELDS } from '../../worker/src/ops/status-record';
import {
  FORBIDDEN_USER_PERMISSIONS,
  editScopeViolations,
  forbiddenUserPermissions,
  invalidFieldPermissions,
  missingFieldPermissions,
  objectPermissionViolations,
  userPermissionViolations,
  type ObjectAccess,
  type WorkerWrites,
} from './package-rules';
import { findAccess, readAllAccess, readObject, type AccessMeta, type ObjectMeta } from './source-metadata';

const ALERT = 'Warden_Alert__c';
const STATUS = 'Warden_Status__c';
const alert = readObject(ALERT);
const status = readObject(STATUS);
const objects = new Map([
  [ALERT, alert],
  [STATUS, status],
]);
const allAccess = readAllAccess();
const integration = findAccess(allAccess, 'PermissionSet', 'Warden_Integration');
const integrationProfile = findAccess(allAccess, 'Profile', 'Warden Integration');
const admin = findAccess(allAccess, 'PermissionSet', 'Warden_Admin');
const serviceAccount = [integration, integrationProfile];

const workerWrites: WorkerWrites = { [ALERT]: { ...ALERT_RECORD_FIELDS }, [STATUS]: { ...STATUS_RECORD_FIELDS } };
/** Custom fields the worker writes (Name is standard and has no field-level security). */
const workerFields = (object: string) => Object.keys(workerWrites[object] ?? {}).filter((name) => name.endsWith('__c'));
const WORKER_FIELDS = workerFields(ALERT);
const TRIAGE_FIELDS = ['Status__c', 'Classification__c'];

/** DESIGN.md §2: the service account's system permissions, and nothing more. */
const SERVICE_ACCOUNT_PERMISSIONS = [
  'ApiEnabled',
  'ViewAllData',
  'ViewEventLogFiles',
  'ManageUsers',
  'QueryAllFiles',
  'ManageContent', // Manage Salesforce CRM Content
  'ModifyMetadata', // Modify Metadata Through Metadata API Functions
  'ViewSetup', // View Setup and Configuration
];

/**
 * Permissions Salesforce will not deploy the ones above without ("Permission ManageUsers depends on
 * permission(s): …"): the user interface switches them on together, the Metadata API insists they
 * are listed. They add nothing Manage Users and View All Data do not already imply. Anything not
 * here or above is a review decision: add it with its reason, or the test fails.
 */
const PLATFORM_DEPENDENCIES: Record<string, string[]> = {
  ManageUsers: [
    'AssignPermissionSets',
    'DelegatedTwoFactor',
    'FreezeUsers',
    'ManageInternalUsers',
    'ManageIpAddresses',
    'ManageLoginAccessPolicies',
    'ManagePasswordPolicies',
    'ManageProfilesPermissionsets',
    'ManageRoles',
    'ManageSharing',
    'MonitorLoginHistory',
    'ResetPasswords',
    'ViewAllUsers',
    'ViewRoles',
  ],
  ViewAllData: ['ViewPublicDashboards', 'ViewPublicReports'],
};
const TOLERATED = Object.values(PLATFORM_DEPENDENCIES).flat();

const label = (access: AccessMeta) => `${access.kind} ${access.name}`;
const each = (list: AccessMeta[]) => list.map((access) => [label(access), access] as const);

describe('field-level security', () => {
  it.each(each([integration, integrationProfile, admin]))('%s has a field permission for every alert field', (_name, access) => {
    expect(missingFieldPermissions(access, alert)).toEqual([]);
  });

  it.each(each(allAccess))('%s has only field permissions Salesforce accepts', (_name, access) => {
    expect(invalidFieldPermissions(access, objects)).toEqual([]);
  });

  it.each(each(serviceAccount))('%s edits exactly the fields the worker writes', (_name, access) => {
    expect(editScopeViolations(access, alert, WORKER_FIELDS)).toEqual([]);
  });

  it.each(each([integration, integrationProfile, admin]))('%s has a field permission for every status field', (_name, access) => {
    expect(missingFieldPermissions(access, status)).toEqual([]);
  });

  it.each(each(serviceAccount))('%s edits exactly the status fields the status writer sends', (_name, access) => {
    expect(editScopeViolations(access, status, workerFields(STATUS))).toEqual([]);
  });

  it('Warden_Admin reads every status field and edits none', () => {
    const statusPermissions = admin.fieldPermissions.filter((p) => p.field.startsWith(`${STATUS}.`));
    expect(statusPermissions.filter((p) => !p.readable).map((p) => p.field)).toEqual([]);
    expect(editScopeViolations(admin, status, [])).toEqual([]);
  });

  it('Warden_Admin reads every alert field and edits only Status and Classification', () => {
    expect(admin.fieldPermissions.filter((p) => !p.readable).map((p) => p.field)).toEqual([]);
    expect(editScopeViolations(admin, alert, TRIAGE_FIELDS)).toEqual([]);
  });
});

const NONE: ObjectAccess = { allowCreate: false, allowRead: false, allowEdit: false, allowDelete: false, viewAllRecords: false, modifyAllRecords: false };
const ADMIN_ALERT_ACCESS: ObjectAccess = { ...NONE, allowRead: true, allowEdit: true };

describe('object permissions', () => {
  it.each(each(serviceAccount))('%s creates, reads, edits and deletes alerts, without view all or modify all', (_name, access) => {
    const expected = { ...NONE, allowCreate: true, allowRead: true, allowEdit: true, allowDelete: true };
    expect(objectPermissionViolations(access, ALERT, expected)).toEqual([]);
  });

  it('Warden_Admin reads and edits alerts, never creates or deletes them', () => {
    expect(objectPermissionViolations(admin, ALERT, ADMIN_ALERT_ACCESS)).toEqual([]);
  });

  it.each(each(serviceAccount))('%s creates, reads, edits and deletes status records, without view all or modify all', (_name, access) => {
    const expected = { ...NONE, allowCreate: true, allowRead: true, allowEdit: true, allowDelete: true };
    expect(objectPermissionViolations(access, STATUS, expected)).toEqual([]);
  });

  it('Warden_Admin only reads status records', () => {
    expect(objectPermissionViolations(admin, STATUS, { ...NONE, allowRead: true })).toEqual([]);
  });

  it('no permission set or profile grants view all or modify all on an object', () => {
    const broad = allAccess.flatMap((access) =>
      access.objectPermissions.filter((p) => p.viewAllRecords || p.modifyAllRecords).map((p) => `${label(access)} on ${p.object}`),
    );
    expect(broad).toEqual([]);
  });
});

describe('system permissions', () => {
  it.each(each(allAccess))(`%s grants none of ${FORBIDDEN_USER_PERMISSIONS.join(', ')}`, (_name, access) => {
    expect(forbiddenUserPermissions(access)).toEqual([]);
  });

  it.each(each(serviceAccount))('%s grants the service account permissions and only their platform dependencies', (_name, access) => {
    expect(userPermissionViolations(access, SERVICE_ACCOUNT_PERMISSIONS, TOLERATED)).toEqual([]);
  });

  it('the profile mirrors the Warden_Integration permission set', () => {
    const sorted = (access: AccessMeta) => ({
      userPermissions: [...access.userPermissions].sort(),
      fieldPermissions: [...access.fieldPermissions].sort((a, b) => a.field.localeCompare(b.field)),
      objectPermissions: access.objectPermissions,
    });
    expect(sorted(integrationProfile)).toEqual(sorted(integration));
  });

  it('Warden_Admin grants no system permissions', () => {
    expect(admin.userPermissions).toEqual([]);
  });
});

describe('apps and tabs', () => {
  it('Warden_Admin sees the OrgWarden app and the Warden Alerts and Warden Status tabs', () => {
    expect(admin.applications).toEqual(['OrgWarden']);
    expect(admin.tabs).toEqual([
      { tab: ALERT, visibility: 'Visible' },
      { tab: STATUS, visibility: 'Visible' },
    ]);
  });

  it.each(each(serviceAccount))('%s shows no app or tab (an API user needs none)', (_name, access) => {
    expect(access.applications).toEqual([]);
    expect(access.tabs).toEqual([]);
  });
});

describe('the permission rules catch broken metadata', () => {
  const copy = (access: AccessMeta): AccessMeta => structuredClone(access);

  it('names the field whose permission is missing', () => {
    const broken = copy(integration);
    broken.fieldPermissions = broken.fieldPermissions.filter((p) => p.field !== `${ALERT}.Country__c`);
    expect(missingFieldPermissions(broken, alert)).toEqual([`PermissionSet Warden_Integration: no field permission for ${ALERT}.Country__c`]);
  });

  it('skips required fields, and rejects a permission entry for one', () => {
    const withRequired = structuredClone(alert) as ObjectMeta;
    const country = withRequired.fields.get('Country__c');
    if (country) country.required = true;
    const broken = copy(integration);
    expect(missingFieldPermissions({ ...broken, fieldPermissions: [] }, withRequired)).not.toContainEqual(expect.stringContaining('Country__c'));
    expect(invalidFieldPermissions(broken, new Map([[ALERT, withRequired]]))).toEqual([
      `PermissionSet Warden_Integration: ${ALERT}.Country__c is required; Salesforce rejects permissions for it`,
    ]);
  });

  it('reports a forbidden or unlisted system permission, and a missing one', () => {
    const broken = copy(integration);
    broken.userPermissions = [...broken.userPermissions.filter((name) => name !== 'ViewEventLogFiles'), 'ModifyAllData', 'ExportReport'];
    expect(forbiddenUserPermissions(broken)).toEqual(['PermissionSet Warden_Integration grants ModifyAllData']);
    expect(userPermissionViolations(broken, SERVICE_ACCOUNT_PERMISSIONS, TOLERATED)).toEqual([
      'PermissionSet Warden_Integration lacks ViewEventLogFiles',
      'PermissionSet Warden_Integration grants ModifyAllData, which is not on its allow-list',
      'PermissionSet Warden_Integration grants ExportReport, which is not on its allow-list',
    ]);
  });

  it('reports a triager who could edit worker data', () => {
    const broken = copy(admin);
    broken.fieldPermissions = broken.fieldPermissions.map((p) => (p.field === `${ALERT}.Severity__c` ? { ...p, editable: true } : p));
    expect(editScopeViolations(broken, alert, TRIAGE_FIELDS)).toEqual([`PermissionSet Warden_Admin can edit ${ALERT}.Severity__c but must not`]);
  });

  it('reports object permissions Salesforce would reject or the design forbids', () => {
    const broken = copy(admin);
    broken.objectPermissions = broken.objectPermissions.map((p) => ({ ...p, allowEdit: false, allowDelete: true }));
    expect(objectPermissionViolations(broken, ALERT, ADMIN_ALERT_ACCESS)).toEqual([
      `PermissionSet Warden_Admin on ${ALERT}: allowEdit is false, expected true`,
      `PermissionSet Warden_Admin on ${ALERT}: allowDelete is true, expected false`,
      `PermissionSet Warden_Admin on ${ALERT}: delete and modify all need edit`,
    ]);
  });
});
