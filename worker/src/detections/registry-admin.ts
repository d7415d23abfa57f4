/** Policies of the admin group (see registry.ts). */
import type { Policy } from './types';

export const ADMIN_POLICIES: readonly Policy[] = [];
