/**
 * Search event rows → search, NUM_RESULTS in `rows` (Object Reference, "Search Event Type").
 * The search text itself (SEARCH_QUERY) is what a person typed: left out of the activity.
 */
import { baseBuilder, type ElfNormalizer } from './elf-row';

export const elfSearch: ElfNormalizer = {
  eventType: 'Search',
  bind(col, orgId) {
    const base = baseBuilder(col, 'Search', orgId);
    const c = { results: col('NUM_RESULTS'), prefixes: col('PREFIXES_SEARCHED') };
    return (row, timeMs) => {
      const activity = base(row, 'search', timeMs);
      const results = row.int(c.results);
      if (results !== undefined && results >= 0) activity.rows = results;
      const prefixes = row.text(c.prefixes);
      if (prefixes) activity.object = prefixes;
      return activity;
    };
  },
};
