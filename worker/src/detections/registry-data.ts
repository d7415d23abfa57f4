/** Policies of the data group (see registry.ts). */
import type { Policy } from './types';

export const DATA_POLICIES: readonly Policy[] = [];
