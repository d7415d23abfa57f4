/** Policies of the auth group (see registry.ts). */
import type { Policy } from './types';

export const AUTH_POLICIES: readonly Policy[] = [];
