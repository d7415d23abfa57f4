/** Policies of the logins-geo group (see registry.ts). */
import type { Policy } from './types';

export const LOGINS_GEO_POLICIES: readonly Policy[] = [];
