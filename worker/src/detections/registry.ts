/**
 * The explicit list of detection policies. Adding a policy: its folder under detections/ and
 * one line here; the contract test checks the rest.
 */
import { failedLogins } from './failed-logins/failed-logins';
import type { Policy } from './types';

export const POLICIES: readonly Policy[] = [failedLogins];
