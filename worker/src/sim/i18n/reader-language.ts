/**
 * Whose language a response is rendered in: the session user's LanguageLocaleKey (Salesforce shows
 * labels "in the language of the user who issued the query"), falling back to the org's default
 * language (org.json `language`) for a user record without one.
 */
import type { SimCore } from '../sim-core';
import { labelTableFor, type LabelTable } from './label-catalog';

export function readerLanguage(core: SimCore, userId: string): string {
  const own = core.store.get(userId)?.['LanguageLocaleKey'];
  return typeof own === 'string' && own ? own : core.language;
}

/** The label table for the session user, or undefined when they read English. */
export function readerLabels(core: SimCore, userId: string): LabelTable | undefined {
  return labelTableFor(readerLanguage(core, userId));
}
