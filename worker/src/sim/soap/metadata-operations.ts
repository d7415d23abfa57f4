/**
 * The Metadata API calls the simulator answers: `readMetadata` (SecuritySettings `Security`,
 * Profiles by fullName; at most 10 names per call, an unknown name reads as `<records
 * xsi:nil="true"/>` as in real orgs) and `listMetadata` (Profile; other real types list nothing).
 * Other Metadata API operations exist but are not modelled; anything else is not an operation of
 * the service, which Salesforce's SOAP stack answers with a `soapenv:Client` fault.
 */
import type { SimCore } from '../sim-core';
import { metadataXmlFields } from './metadata-json';
import { metadataType } from './metadata-types';
import { findProfile, profileComponent, profileFileProperties } from './profile-metadata';
import { SoapFault } from './soap-fault';
import { METADATA_NS, type SoapRequest } from './soap-xml';

// readMetadata: "Limit: 10" components per call (Metadata API Developer Guide).
const MAX_READ = 10;
const NIL_RECORD = { '@_xsi:nil': 'true' };

const NOT_MODELLED = new Set([
  'cancelDeploy', 'checkDeployStatus', 'checkRetrieveStatus', 'createMetadata', 'deleteMetadata', 'deploy', 'deployRecentValidation',
  'describeMetadata', 'describeValueType', 'renameMetadata', 'retrieve', 'updateMetadata', 'upsertMetadata',
]);

function strings(value: unknown): string[] {
  return (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => (typeof v === 'string' ? v : ''));
}

function readOne(core: SimCore, type: string, fullName: string): Record<string, unknown> | undefined {
  if (type === 'SecuritySettings' && fullName === 'Security') {
    return { '@_xsi:type': 'SecuritySettings', fullName: 'Security', ...metadataXmlFields(core.metadata.securitySettings ?? {}) };
  }
  const profile = type === 'Profile' ? findProfile(core, fullName) : undefined;
  return profile && profileComponent(core, profile);
}

function readMetadata(core: SimCore, args: Record<string, unknown>): unknown {
  const type = metadataType(args['type']);
  const fullNames = strings(args['fullNames']);
  if (fullNames.length > MAX_READ) throw SoapFault.sf('EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${MAX_READ} records in this operation`);
  return { records: fullNames.map((name) => readOne(core, type, name) ?? NIL_RECORD) };
}

function listMetadata(core: SimCore, args: Record<string, unknown>): unknown {
  const queries = Array.isArray(args['queries']) ? (args['queries'] as unknown[]) : [];
  return queries.flatMap((query) => {
    const type = metadataType((query as Record<string, unknown> | undefined)?.['type']);
    return type === 'Profile' ? profileFileProperties(core) : [];
  });
}

const OPERATIONS: Record<string, (core: SimCore, args: Record<string, unknown>) => unknown> = { readMetadata, listMetadata };

/** The `result` of a Metadata API call, or the fault Salesforce would send. */
export function runMetadataOperation(core: SimCore, request: SoapRequest): unknown {
  const operation = OPERATIONS[request.operation];
  if (operation) return operation(core, request.args);
  if (NOT_MODELLED.has(request.operation)) throw SoapFault.sf('UNKNOWN_EXCEPTION', `${request.operation} is not implemented by the OrgWarden simulator`);
  throw SoapFault.client(`No operation available for request {${METADATA_NS}}${request.operation}, please check the WSDL for the service.`);
}
