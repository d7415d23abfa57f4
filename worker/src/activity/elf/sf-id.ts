/**
 * Salesforce record ids: 15-character (case-sensitive, what event logs write in `*_ID` columns)
 * and 18-character (case-safe, the `*_ID_DERIVED` columns and every API). The three suffix
 * characters encode which of the 15 are upper case, 5 per character (Salesforce Help, "Salesforce
 * Record ID": the 18-character form is the 15-character id plus a checksum of its capitals).
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
const ID = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The 18-character form of a 15- or 18-character id; undefined for anything else. */
export function to18(id: string): string | undefined {
  if (!ID.test(id)) return undefined;
  if (id.length === 18) return id;
  let suffix = '';
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += SUFFIX_ALPHABET[bits];
  }
  return id + suffix;
}
