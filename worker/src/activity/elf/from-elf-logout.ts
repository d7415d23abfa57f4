/**
 * Logout event rows → logout. USER_INITIATED_LOGOUT (Object Reference, "Logout Event Type") is 1
 * when the user pressed Log Out, 0 when the session ended otherwise (timeout): kept in `status`.
 */
import { baseBuilder, type ElfNormalizer } from './elf-row';

export const elfLogout: ElfNormalizer = {
  eventType: 'Logout',
  bind(col, orgId) {
    const base = baseBuilder(col, 'Logout', orgId);
    const c = { userInitiated: col('USER_INITIATED_LOGOUT'), browser: col('BROWSER_TYPE'), sessionType: col('SESSION_TYPE') };
    return (row, timeMs) => {
      const activity = base(row, 'logout', timeMs);
      const userInitiated = row.text(c.userInitiated);
      if (userInitiated) activity.status = userInitiated;
      const browser = row.shared(c.browser);
      if (browser) activity.userAgent = browser;
      const sessionType = row.shared(c.sessionType);
      if (sessionType) activity.operation = sessionType;
      return activity;
    };
  },
};
