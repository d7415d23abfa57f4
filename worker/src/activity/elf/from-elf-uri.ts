/**
 * URI event rows → page.view (Object Reference, "URI Event Type": page requests in Salesforce
 * Classic and Lightning's `/aura` calls). The activity carries who, from where and in which
 * session — what the IP- and session-based detections need.
 */
import { baseBuilder, type ElfNormalizer } from './elf-row';

export const elfUri: ElfNormalizer = {
  eventType: 'URI',
  bind(col, orgId) {
    const base = baseBuilder(col, 'URI', orgId);
    const c = { status: col('REQUEST_STATUS') };
    return (row, timeMs) => {
      const activity = base(row, 'page.view', timeMs);
      const status = row.shared(c.status);
      if (status) activity.status = status;
      return activity;
    };
  },
};
