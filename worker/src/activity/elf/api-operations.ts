/**
 * Which API requests read data (api.query, `rows` = records returned) and which delete files.
 * SOAP method names from the SOAP API Developer Guide (core calls), REST methods from HTTP.
 */
import type { ActivityKind } from '../activity';

const SOAP_READS = new Set(['query', 'queryMore', 'queryAll', 'retrieve', 'search']);

/** ContentDocument deletions through an API count as file deletions (DESIGN §3.4 unusual-file-deletion). */
function deletesFiles(operation: string, entity: string): boolean {
  return operation.toLowerCase() === 'delete' && entity.split(/[ ,]/).includes('ContentDocument');
}

export function soapKind(method: string, entity: string): ActivityKind {
  if (SOAP_READS.has(method)) return 'api.query';
  return deletesFiles(method, entity) ? 'file.delete' : 'api.call';
}

export function restKind(method: string, entity: string): ActivityKind {
  if (method === 'GET') return 'api.query';
  return deletesFiles(method, entity) ? 'file.delete' : 'api.call';
}

export function bulkKind(operation: string, entity: string): ActivityKind {
  if (operation === 'query' || operation === 'queryAll' || operation === 'queryall') return 'api.query';
  return deletesFiles(operation, entity) ? 'file.delete' : 'api.call';
}
