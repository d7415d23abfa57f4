/**
 * The simulated org's data dictionary: what `describe` would say about each sObject.
 * Shared by the SOQL engine, the record store and the REST routes of the simulator.
 */

/** Field types as Salesforce's describe calls name them (lower-cased). */
export type FieldType =
  | 'id'
  | 'string'
  | 'picklist'
  | 'multipicklist'
  | 'boolean'
  | 'int'
  | 'long'
  | 'double'
  | 'currency'
  | 'percent'
  | 'datetime'
  | 'date'
  | 'time'
  | 'reference'
  | 'email'
  | 'url'
  | 'phone'
  | 'base64'
  | 'textarea'
  /** A JSON document in a string (ApiEvent / ReportEvent `Records`); neither filterable nor sortable. */
  | 'json';

export interface FieldDef {
  /** API name in its canonical case, e.g. `LoginTime`, `Alert_Key__c`. */
  name: string;
  type: FieldType;
  /** For `reference` fields: the sObject types it may point to. */
  referenceTo?: string[];
  /** For `reference` fields: the parent relationship name used in SOQL (`LoginGeo`, `CreatedBy`, `User__r`). */
  relationshipName?: string;
  /** Display label (`Alert Key`); Salesforce's error messages name fields by label. */
  label?: string;
  externalId?: boolean;
  unique?: boolean;
  /** Unique / external-id matching is case-sensitive (default: case-insensitive, as Salesforce). */
  caseSensitive?: boolean;
  createable?: boolean;
  updateable?: boolean;
  nillable?: boolean;
  /** Whether the field may appear in WHERE (some LoginHistory fields cannot). Default true. */
  filterable?: boolean;
  length?: number;
  /** Picklist values (API names) when known. */
  picklistValues?: string[];
  /** Restricted picklist: writes of a value outside `picklistValues` fail (INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST). */
  restrictedPicklist?: boolean;
  defaultValue?: string | number | boolean | null;
  /** Auto-number field (read-only, assigned on create), e.g. `{ displayFormat: 'A-{0000}', startingNumber: 1 }`. */
  autoNumber?: { displayFormat: string; startingNumber: number };
  /** Formula field: read-only; the simulator does not compute it (always null). */
  calculated?: boolean;
}

export interface SObjectDef {
  /** API name in canonical case (`LoginHistory`, `Warden_Alert__c`). */
  name: string;
  /** Three-character Id prefix (`005` User, `0Ya` LoginHistory, `a00` first custom object …). */
  keyPrefix: string;
  custom: boolean;
  /** Fields keyed by lower-cased API name (SOQL and REST are case-insensitive on names). */
  fields: Map<string, FieldDef>;
  queryable: boolean;
  createable: boolean;
  updateable: boolean;
  deletable: boolean;
  /** Supports retrieve() (default: queryable); OauthToken supports query() only. */
  retrieveable?: boolean;
  /** Display label (`Login History`), used in error messages as Salesforce does. */
  label?: string;
  /**
   * The datetime field that says when a record came into existence (`CreatedDate`, `LoginTime` for
   * LoginHistory, `SystemModstamp` where there is no CreatedDate): the simulator hides records
   * whose value is after its clock. Undefined: always visible.
   */
  visibleFrom?: string;
  /**
   * Records older than `months` calendar months (by `field`, relative to the simulator's clock)
   * are gone, as Salesforce deletes them. Undefined: kept for ever (EventLogFile has its own rule).
   */
  retention?: { field: string; months: number };
  /** Exists only with Event Monitoring (Shield or the add-on): Real-Time Event Monitoring storage. */
  realTimeEventMonitoring?: boolean;
  /** A big object: SOQL may filter and sort only along its index (`soql/big-object-rules.ts`). */
  bigObject?: BigObjectIndex;
}

/**
 * How a big object's index constrains SOQL. `indexes`: the field paths a WHERE clause may follow,
 * each from its first field without gaps (ReportEvent has two). `orderBy`: the only ORDER BY it
 * takes, as `Field DESC` / `Field ASC` items (a prefix of them), which is also the order unordered
 * results come in.
 */
export interface BigObjectIndex {
  indexes: string[][];
  orderBy: Array<{ field: string; descending: boolean }>;
}

/** Case-insensitive lookup of sObject definitions. */
export interface Schema {
  get(name: string): SObjectDef | undefined;
  all(): Iterable<SObjectDef>;
}

/**
 * A stored record: API field names in canonical case, values as the REST API returns them
 * (datetimes as `2024-01-02T03:04:05.000+0000`, dates `2024-01-02`, numbers, booleans, null).
 */
export type SimRecord = { Id: string } & Record<string, unknown>;
