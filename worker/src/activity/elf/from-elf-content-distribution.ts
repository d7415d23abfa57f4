/**
 * ContentDistribution event rows (Object Reference, "Content Distribution Event Type"): ACTION
 * INSERT is a public link created → file.share with a public-link share. VIEW (the link opened
 * by whoever has it), UPDATE and DELETE are counted but are not shares: no activity.
 */
import { baseBuilder, type ElfNormalizer } from './elf-row';
import { to18 } from './sf-id';

export const elfContentDistribution: ElfNormalizer = {
  eventType: 'ContentDistribution',
  bind(col, orgId) {
    const base = baseBuilder(col, 'ContentDistribution', orgId);
    const c = { action: col('ACTION'), version: col('VERSION_ID') };
    return (row, timeMs) => {
      const activity = base(row, 'file.share', timeMs);
      if (!row.is(c.action, 'INSERT')) return null;
      activity.operation = 'INSERT';
      activity.object = 'ContentVersion';
      activity.share = { kind: 'public-link' };
      const version = to18(row.text(c.version));
      if (version) activity.recordId = version;
      return activity;
    };
  },
};
