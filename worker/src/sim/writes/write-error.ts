/**
 * A write that Salesforce refuses for one record. The single-record routes send it as a 400 REST
 * error (`errorCode`); the collection routes put it in that record's result (`statusCode`).
 */
export class WriteError extends Error {
  constructor(
    readonly statusCode: string,
    message: string,
    readonly fields: string[] = [],
    /** HTTP status when sent on its own (404 for a missing or deleted record). */
    readonly httpStatus = 400,
  ) {
    super(message);
    this.name = 'WriteError';
  }
}

/** One entry of a save result, as in sObject collection responses. */
export interface SaveError {
  statusCode: string;
  message: string;
  fields: string[];
}

export interface SaveResult {
  id?: string;
  success: boolean;
  errors: SaveError[];
  /** Upserts only: whether the record was created. */
  created?: boolean;
}

export function failure(err: WriteError, id?: string): SaveResult {
  return { ...(id ? { id } : {}), success: false, errors: [{ statusCode: err.statusCode, message: err.message, fields: err.fields }] };
}

export const rolledBack = (): SaveError => ({
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
});
