/**
 * The explicit list of detection policies. Adding a policy: its folder under detections/ and
 * one line in its group's list; the contract test checks the rest.
 */
import { failedLogins } from './failed-logins/failed-logins';
import { ADMIN_POLICIES } from './registry-admin';
import { AUTH_POLICIES } from './registry-auth';
import { DATA_POLICIES } from './registry-data';
import { LOGINS_GEO_POLICIES } from './registry-logins-geo';
import type { Policy } from './types';

export const POLICIES: readonly Policy[] = [failedLogins, ...LOGINS_GEO_POLICIES, ...AUTH_POLICIES, ...ADMIN_POLICIES, ...DATA_POLICIES];
