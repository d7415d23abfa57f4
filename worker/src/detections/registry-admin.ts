/** Policies of the admin group (see registry.ts). */
import { privilegeEscalation } from './privilege-escalation/privilege-escalation';
import { riskyOauthApp } from './risky-oauth-app/risky-oauth-app';
import type { Policy } from './types';
import { unusualAdminActivity } from './unusual-admin-activity/unusual-admin-activity';
import { unusualImpersonation } from './unusual-impersonation/unusual-impersonation';

export const ADMIN_POLICIES: readonly Policy[] = [unusualAdminActivity, privilegeEscalation, unusualImpersonation, riskyOauthApp];
