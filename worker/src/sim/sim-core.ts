/**
 * Everything the HTTP routes share: the org's data, clock, tokens, API usage and settings.
 * Built once by OrgSimulator; routes receive it instead of reaching for globals.
 */
import type { KeyObject } from 'node:crypto';
import type { ApiUsage } from './api/api-usage';
import type { QueryCursors } from './api/query-cursors';
import type { TokenStore } from './auth/token-store';
import type { SimClock } from './clock';
import type { RequestLog } from './http/request-log';
import type { IdSequence } from './ids';
import type { OrgView } from './org-view';
import type { RecordStore } from './record-store';
import type { SimSchema } from './schema/sim-schema';
import type { ExecuteSoql } from './soql/api';
import type { Outbox } from './actions/outbox';
import type { MetadataOrg } from './soap/metadata-org';
import type { ToolingOrg } from './tooling/tooling-org';
import type { FaultEngine } from './faults/fault-engine';

export interface ConnectedAppSettings {
  /** JWT `iss` / `client_id` that must be presented; absent: any. */
  consumerKey?: string;
  /** `client_secret` for client credentials; absent: any. */
  consumerSecret?: string;
  /** Verifies JWT-bearer signatures; absent: signatures are not checked. */
  publicKey?: KeyObject;
}

export interface SimCore {
  schema: SimSchema;
  store: RecordStore;
  view: OrgView;
  clock: SimClock;
  tokens: TokenStore;
  usage: ApiUsage;
  cursors: QueryCursors;
  requestLog: RequestLog;
  ids: IdSequence;
  /** 18-character organization id. */
  organizationId: string;
  /** The org's default language (org.json `language`), for users without a LanguageLocaleKey. */
  language: string;
  /** EventLogFile id → absolute path of its CSV body. */
  logFiles: Map<string, string>;
  /** The SOQL engine (injectable for tests). */
  executeSoql: ExecuteSoql | undefined;
  connectedApp: ConnectedAppSettings;
  /** Username client-credentials tokens run as; default the org's administrator. */
  serviceAccount: string | undefined;
  /** Gzip responses when the client accepts it. */
  compress: boolean;
  /** Tooling API rows (Health Check) and cursors. */
  tooling: ToolingOrg;
  /** Metadata API components from the fixture's `security/` (SecuritySettings, profile login IP ranges). */
  metadata: MetadataOrg;
  /** Email sent by the `emailSimple` action, and the SingleEmail allocation it used. */
  outbox: Outbox;
  /** Faults on demand (faults/): consulted on every request and by the LogFile and query routes. */
  faults: FaultEngine;
  /** `http://127.0.0.1:<port>` once listening. */
  baseUrl(): string;
}
