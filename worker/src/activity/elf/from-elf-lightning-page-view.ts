/**
 * LightningPageView event rows → page.view (Object Reference, "Lightning Page View Event Type"):
 * PAGE_URL, the record and object on the page, the app, and the browser's USER_AGENT.
 */
import { baseBuilder, unwrapQuotes, type ElfNormalizer } from './elf-row';
import { to18 } from './sf-id';

export const elfLightningPageView: ElfNormalizer = {
  eventType: 'LightningPageView',
  bind(col, orgId) {
    const base = baseBuilder(col, 'LightningPageView', orgId);
    const c = { url: col('PAGE_URL'), entity: col('PAGE_ENTITY_ID'), entityType: col('PAGE_ENTITY_TYPE'), app: col('PAGE_APP_NAME'), agent: col('USER_AGENT') };
    return (row, timeMs) => {
      const activity = base(row, 'page.view', timeMs);
      const url = row.text(c.url);
      if (url) activity.uri = url;
      const record = to18(row.text(c.entity));
      if (record) activity.recordId = record;
      const entityType = row.shared(c.entityType);
      if (entityType) activity.object = entityType;
      const app = row.shared(c.app);
      if (app) activity.appName = app;
      const agent = unwrapQuotes(row.shared(c.agent));
      if (agent) activity.userAgent = agent;
      return activity;
    };
  },
};
