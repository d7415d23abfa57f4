/**
 * The Salesforce org simulator (DESIGN §4.1 `orgwarden sim`, §4.3 fixture org directory).
 * See {@link OrgSimulator}.
 */
export { OrgSimulator, type OrgSimulatorOptions } from './org-simulator';
export { FixtureError, type FixtureProblem } from './fixture/fixture-error';
export type { RequestLogEntry } from './http/request-log';
export type { SimClock } from './clock';
export type { RecordStore } from './record-store';
