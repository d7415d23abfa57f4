/**
 * Enrichment adds what a source row does not say: usernames, locations, ISPs, IP tags. Each
 * enricher works on a whole page (batched lookups) and fills Activity fields in place.
 */
import type { Activity } from '../activity/activity';

export interface Enricher {
  enrich(activities: Activity[]): Promise<void>;
}

export async function enrichAll(enrichers: readonly Enricher[], activities: Activity[]): Promise<void> {
  for (const enricher of enrichers) await enricher.enrich(activities);
}
