/**
 * The parsed form of the SOQL subset the simulator answers. Every node keeps the offset of
 * its source text so later stages (schema checks, type checks) can point at it in errors.
 */

export interface PathSegment {
  text: string;
  pos: number;
}

/** `LoginTime`, `LoginGeo.Country`, `CreatedBy.Profile.Name` as typed by the caller. */
export interface FieldPath {
  segments: PathSegment[];
  pos: number;
}

export type SelectItem = { kind: 'field'; path: FieldPath } | { kind: 'count'; pos: number };

export type Literal =
  | { kind: 'null'; pos: number }
  | { kind: 'boolean'; value: boolean; pos: number }
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'string'; value: string; raw: string; wildcardEscape: boolean; pos: number }
  | { kind: 'date' | 'datetime'; epochMs: number; text: string; pos: number }
  /** `TODAY`, `LAST_N_DAYS:7` …: a range resolved against the org clock at compile time. */
  | { kind: 'relative'; name: string; n?: number; text: string; pos: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

export type Condition =
  | { kind: 'and' | 'or'; operands: Condition[] }
  | { kind: 'not'; operand: Condition }
  | { kind: 'compare'; path: FieldPath; op: ComparisonOperator; value: Literal }
  | { kind: 'in'; path: FieldPath; negated: boolean; values: Literal[] }
  | { kind: 'like'; path: FieldPath; pattern: Literal };

export interface OrderItem {
  path: FieldPath;
  descending: boolean;
  nullsFirst: boolean;
}

export interface SelectStatement {
  items: SelectItem[];
  from: { name: string; pos: number };
  where?: Condition;
  orderBy: OrderItem[];
  /** Position of `ORDER`, for errors that concern the whole clause. */
  orderByPos?: number;
  limit?: number;
  offset?: number;
  offsetPos?: number;
}
