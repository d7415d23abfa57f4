/**
 * The localized labels the simulator knows (`login-history-labels.json`, whose notes give the
 * sources and say which strings are unverified): for a Salesforce LanguageLocaleKey, the
 * translation of a field's English value. Languages without a catalogue (English and, so far,
 * every language but French and German) keep the English form.
 */
import catalog from './login-history-labels.json';

/** `Object.Field` → lower-cased English value → localized label. */
export type LabelTable = ReadonlyMap<string, ReadonlyMap<string, string>>;

const tables = new Map<string, LabelTable>();
for (const [language, fields] of Object.entries(catalog.languages)) {
  const table = new Map<string, Map<string, string>>();
  for (const [field, values] of Object.entries(fields as Record<string, Record<string, string>>)) {
    table.set(field, new Map(Object.entries(values).map(([english, label]) => [english.toLowerCase(), label])));
  }
  tables.set(language, table);
}

/**
 * The label table for a LanguageLocaleKey (`fr`, `de`, `fr_CA`, `de_AT` …: matched on the language
 * part), or undefined when values stay in English.
 */
export function labelTableFor(languageLocaleKey: string | undefined): LabelTable | undefined {
  if (!languageLocaleKey) return undefined;
  return tables.get(languageLocaleKey.split(/[_-]/)[0]?.toLowerCase() ?? '');
}

/** Languages that have a catalogue (for docs and tests). */
export function localizedLanguages(): string[] {
  return [...tables.keys()];
}
