/** Every planted scenario: one per DESIGN §3.4 policy, each with its benign look-alike. */
import { anonymousIpScenario } from './anonymous-ip';
import { apiAnomalyScenario } from './api-anomaly';
import { failedLoginsScenario } from './failed-logins';
import { personalEmailScenario } from './file-shared-personal-email';
import { unauthorizedDomainScenario } from './file-shared-unauthorized-domain';
import { impossibleTravelScenario } from './impossible-travel';
import { infrequentCountryScenario } from './infrequent-country';
import { massDownloadScenario } from './mass-download';
import { passwordSprayScenario } from './password-spray';
import { privilegeEscalationScenario } from './privilege-escalation';
import { reportAnomalyScenario } from './report-anomaly';
import { riskyIpLogonScenario } from './risky-ip-logon';
import { riskyOauthAppScenario } from './risky-oauth-app';
import type { Scenario } from './scenario';
import { sessionHijackingScenario } from './session-hijacking';
import { suspiciousIpScenario } from './suspicious-ip';
import { terminatedUserScenario } from './terminated-user-activity';
import { unusualAdminActivityScenario } from './unusual-admin-activity';
import { unusualFileDeletionScenario } from './unusual-file-deletion';
import { unusualFileShareScenario } from './unusual-file-share';
import { unusualImpersonationScenario } from './unusual-impersonation';
import { unusualMassDownloadScenario } from './unusual-mass-download';

/** DESIGN §3.4 policy ids, in the table's order. */
export const DESIGN_POLICIES = [
  'impossible-travel', 'infrequent-country', 'anonymous-ip', 'suspicious-ip', 'terminated-user-activity', 'failed-logins', 'password-spray',
  'unusual-admin-activity', 'privilege-escalation', 'unusual-impersonation', 'unusual-file-deletion', 'unusual-file-share',
  'unusual-mass-download', 'mass-download', 'risky-ip-logon', 'file-shared-unauthorized-domain', 'file-shared-personal-email',
  'risky-oauth-app', 'session-hijacking', 'report-anomaly', 'api-anomaly',
] as const;

export function allScenarios(): Scenario[] {
  return [
    impossibleTravelScenario(), infrequentCountryScenario(), anonymousIpScenario(), suspiciousIpScenario(), terminatedUserScenario(),
    failedLoginsScenario(), passwordSprayScenario(), unusualAdminActivityScenario(), privilegeEscalationScenario(), unusualImpersonationScenario(),
    unusualFileDeletionScenario(), unusualFileShareScenario(), unusualMassDownloadScenario(), massDownloadScenario(), riskyIpLogonScenario(),
    unauthorizedDomainScenario(), personalEmailScenario(), riskyOauthAppScenario(), sessionHijackingScenario(), reportAnomalyScenario(), apiAnomalyScenario(),
  ];
}
