/**
 * The Salesforce org simulator (DESIGN §4.1 `orgwarden sim`, §4.3 fixture org directory).
 * See {@link OrgSimulator}.
 */
export { OrgSimulator, type OrgSimulatorOptions } from './org-simulator';
export { FixtureError, type FixtureProblem } from './fixture/fixture-error';
export type { RequestLogEntry } from './http/request-log';
export type { SentEmail } from './actions/outbox';
export { FaultConfigError, type FaultConfigInput, type FaultRuleInput } from './faults/fault-config';
export type { FaultRecord } from './faults/fault-log';
export type { SimFaults } from './faults/sim-faults';
export type { SimClock } from './clock';
export type { RecordStore } from './record-store';
