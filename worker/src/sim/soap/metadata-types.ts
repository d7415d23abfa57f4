/**
 * Metadata API type names. The simulator models two (SecuritySettings and Profile); other real
 * types exist in every org but the simulated org holds none of them, so reading or listing them
 * finds nothing — as in an org without such components. A name that is no metadata type at all
 * is Salesforce's `sf:INVALID_TYPE` fault.
 */
import { SoapFault } from './soap-fault';

export const MODELLED_TYPES = ['SecuritySettings', 'Profile'] as const;

/** Real types the simulated org has no components of (the common ones, incl. other Settings). */
const OTHER_TYPES = [
  'ApexClass', 'ApexComponent', 'ApexPage', 'ApexTrigger', 'AuraDefinitionBundle', 'AuthProvider', 'CertificateAndKeyManagement',
  'ConnectedApp', 'CorsWhitelistOrigin', 'CspTrustedSite', 'CustomApplication', 'CustomField', 'CustomLabels', 'CustomMetadata',
  'CustomObject', 'CustomPermission', 'CustomTab', 'Dashboard', 'Document', 'EmailTemplate', 'ExternalClientApplication',
  'ExternalDataSource', 'FlexiPage', 'Flow', 'Group', 'Layout', 'LightningComponentBundle', 'ListView', 'NamedCredential',
  'PermissionSet', 'PermissionSetGroup', 'PlatformEventChannel', 'Queue', 'RemoteSiteSetting', 'Report', 'Role', 'SamlSsoConfig',
  'SharingRules', 'StaticResource', 'TransactionSecurityPolicy', 'Workflow',
  'AccountSettings', 'ApexSettings', 'CaseSettings', 'EmailAdministrationSettings', 'FileUploadAndDownloadSecuritySettings',
  'LightningExperienceSettings', 'MobileSettings', 'MyDomainSettings', 'OrgSettings', 'SharingSettings', 'UserManagementSettings',
];

// Type names are matched exactly, as in package.xml.
const KNOWN = new Set<string>([...MODELLED_TYPES, ...OTHER_TYPES]);

/** The metadata type named by a request, or the INVALID_TYPE fault Salesforce answers. */
export function metadataType(name: unknown): string {
  if (typeof name !== 'string' || !KNOWN.has(name)) throw SoapFault.sf('INVALID_TYPE', 'This type of metadata is not available for this organization');
  return name;
}
