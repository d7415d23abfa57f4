/**
 * The org's profiles and permission sets: names, user types and the security-relevant
 * permissions (field names as in the simulator's schema). Admin-level grants — what
 * privilege-escalation looks for — are Modify All Data, View All Data, Manage Users, Author Apex.
 */
export interface AccessDef {
  name: string;
  /** Permission sets: API name and label; profiles use `name` only. */
  label?: string;
  description: string;
  userType?: 'Standard' | 'PowerPartner' | 'CspLitePortal';
  permissions: string[];
}

const ADMIN_PERMISSIONS = [
  'PermissionsModifyAllData', 'PermissionsViewAllData', 'PermissionsManageUsers', 'PermissionsAuthorApex', 'PermissionsApiEnabled',
  'PermissionsCustomizeApplication', 'PermissionsViewSetup', 'PermissionsManageInternalUsers', 'PermissionsResetPasswords',
  'PermissionsFreezeUsers', 'PermissionsManageProfilesPermissionsets', 'PermissionsAssignPermissionSets', 'PermissionsManageRemoteAccess',
  'PermissionsViewEventLogFiles', 'PermissionsRunReports', 'PermissionsExportReport', 'PermissionsDataExport', 'PermissionsModifyMetadata',
  'PermissionsLightningExperienceUser', 'PermissionsViewAllUsers', 'PermissionsManageIpAddresses', 'PermissionsManagePasswordPolicies',
];

export const PROFILES: readonly AccessDef[] = [
  { name: 'System Administrator', description: 'Full access to configure and customise the org.', permissions: ADMIN_PERMISSIONS },
  { name: 'Standard User', description: 'Can create and edit most records.', permissions: ['PermissionsApiEnabled', 'PermissionsRunReports', 'PermissionsExportReport', 'PermissionsLightningExperienceUser'] },
  { name: 'Sales Operations', description: 'Sales operations analysts: reports and exports.', permissions: ['PermissionsApiEnabled', 'PermissionsRunReports', 'PermissionsExportReport', 'PermissionsScheduleReports', 'PermissionsLightningExperienceUser'] },
  { name: 'Support Agent', description: 'Customer support staff.', permissions: ['PermissionsApiEnabled', 'PermissionsRunReports', 'PermissionsLightningExperienceUser'] },
  { name: 'Integration User', description: 'API-only integration accounts.', permissions: ['PermissionsApiEnabled', 'PermissionsApiUserOnly', 'PermissionsViewAllData', 'PermissionsBulkApiHardDelete'] },
  { name: 'Warden Integration', description: 'OrgWarden service account (see force-app).', permissions: ['PermissionsApiEnabled', 'PermissionsViewAllData', 'PermissionsViewEventLogFiles', 'PermissionsManageUsers', 'PermissionsQueryAllFiles', 'PermissionsModifyMetadata', 'PermissionsViewSetup'] },
  { name: 'Partner Community User', description: 'Partner portal users.', userType: 'PowerPartner', permissions: [] },
  { name: 'Customer Community User', description: 'Customer community users.', userType: 'CspLitePortal', permissions: [] },
];

export const PERMISSION_SETS: readonly AccessDef[] = [
  { name: 'Sales_Cloud_User', label: 'Sales Cloud User', description: 'Sales Cloud feature licence.', permissions: ['PermissionsRunReports'] },
  { name: 'Service_Cloud_User', label: 'Service Cloud User', description: 'Service Cloud feature licence.', permissions: ['PermissionsRunReports'] },
  { name: 'Report_Exporter', label: 'Report Exporter', description: 'Export reports to files.', permissions: ['PermissionsExportReport', 'PermissionsRunReports'] },
  { name: 'Files_Connect_Sync', label: 'Files Sync Client', description: 'Desktop file sync client.', permissions: ['PermissionsApiEnabled'] },
  { name: 'Delegated_User_Admin', label: 'Delegated User Admin', description: 'Support leads: reset passwords, log in as users.', permissions: ['PermissionsManageInternalUsers', 'PermissionsResetPasswords', 'PermissionsViewSetup'] },
  { name: 'Break_Glass_Admin', label: 'Break Glass Admin', description: 'Emergency full access; assign only with a change ticket.', permissions: ['PermissionsModifyAllData', 'PermissionsViewAllData', 'PermissionsManageUsers', 'PermissionsAuthorApex', 'PermissionsCustomizeApplication'] },
  { name: 'Warden_Integration', label: 'Warden Integration', description: 'OrgWarden service account.', permissions: ['PermissionsApiEnabled', 'PermissionsViewAllData', 'PermissionsViewEventLogFiles', 'PermissionsQueryAllFiles'] },
  { name: 'Warden_Admin', label: 'Warden Admin', description: 'Triage OrgWarden alerts.', permissions: [] },
];

/** Permission sets whose assignment is an admin-level grant. */
export const PRIVILEGED_PERMISSION_SETS = new Set(['Break_Glass_Admin']);
