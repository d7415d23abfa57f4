/** Policies of the auth group (see registry.ts). */
import { passwordSpray } from './password-spray/password-spray';
import { sessionHijacking } from './session-hijacking/session-hijacking';
import { terminatedUserActivity } from './terminated-user-activity/terminated-user-activity';
import type { Policy } from './types';

export const AUTH_POLICIES: readonly Policy[] = [passwordSpray, sessionHijacking, terminatedUserActivity];
