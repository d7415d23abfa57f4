/**
 * LoginAs event rows → login-as. In this event type USER_ID is the user being impersonated and
 * DELEGATED_USER_* the admin doing it (Object Reference, "Login As Event Type"). The activity is
 * the admin's (who acted), with the impersonated user as its target.
 */
import { baseBuilder, idOf, type ElfNormalizer } from './elf-row';

export const elfLoginAs: ElfNormalizer = {
  eventType: 'LoginAs',
  bind(col, orgId) {
    const base = baseBuilder(col, 'LoginAs', orgId);
    const c = { adminDerived: col('DELEGATED_USER_ID_DERIVED'), admin: col('DELEGATED_USER_ID'), adminName: col('DELEGATED_USER_NAME') };
    return (row, timeMs) => {
      const activity = base(row, 'login-as', timeMs);
      const target = activity.userId;
      const admin = idOf(row, c.adminDerived, c.admin);
      const adminName = row.text(c.adminName);
      if (admin) activity.userId = admin;
      else activity.userId = undefined;
      if (adminName) {
        activity.username = adminName;
        activity.delegateUser = adminName;
      }
      if (target) activity.target = { userId: target };
      return activity;
    };
  },
};
