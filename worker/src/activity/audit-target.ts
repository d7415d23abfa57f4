/**
 * Who a setup audit trail entry was aimed at, read from its `Display` text. Display is free text
 * written for people, in the acting admin's words and language, and its wording changes between
 * releases — so this is enrichment only: it names the target for an analyst and lets detections
 * ask "was the target privileged?". What happened is decided from `Action` (a stable code), never
 * from Display.
 *
 * In order of trust: a bracketed user id (`(UserID: [0055g00000Alice])`), a username
 * (`For user jdoe@acme.com, …`), then a person's full name matched against the user directory
 * (`Logged in using Login-As access for Jane Doe`) — only when exactly one user has that name and
 * it is not the actor.
 */
export interface AuditTarget {
  userId?: string;
  username?: string;
}

const BRACKETED_USER_ID = /\[(005[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?)\]/;
// Usernames have the form of an e-mail address; trailing punctuation is the sentence's.
const USERNAME = /(?:^|[\s(:])([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/;

export type NameResolver = (display: string, actorId: string | undefined) => string | undefined;

export function auditTarget(display: string | null | undefined, actorId: string | undefined, resolveName?: NameResolver): AuditTarget | undefined {
  if (!display) return undefined;
  const id = BRACKETED_USER_ID.exec(display)?.[1];
  if (id) return { userId: id };
  const username = USERNAME.exec(display)?.[1];
  if (username) return { username: username.replace(/[.]+$/, '') };
  const named = resolveName?.(display, actorId);
  return named ? { userId: named } : undefined;
}

/**
 * A resolver over the directory's full names: a name matches when it appears in the text between
 * word boundaries. Indexed by first word so a long directory costs little per entry.
 */
export function nameResolver(users: ReadonlyArray<{ id: string; name?: string | undefined }>): NameResolver {
  const byFirstWord = new Map<string, Array<{ id: string; name: string }>>();
  const ambiguous = new Set<string>();
  const seen = new Map<string, string>();
  for (const user of users) {
    const name = user.name?.trim();
    if (!name || !name.includes(' ')) continue;
    if (seen.has(name) && seen.get(name) !== user.id) ambiguous.add(name);
    seen.set(name, user.id);
    const first = name.split(/\s+/)[0]!;
    byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), { id: user.id, name }]);
  }
  return (display, actorId) => {
    const words = new Set(display.split(/[\s,.;:()"'[\]]+/));
    const hits = new Set<string>();
    for (const word of words) {
      for (const candidate of byFirstWord.get(word) ?? []) {
        if (ambiguous.has(candidate.name) || candidate.id === actorId || !containsWords(display, candidate.name)) continue;
        hits.add(candidate.id);
      }
    }
    return hits.size === 1 ? [...hits][0] : undefined;
  };
}

function containsWords(text: string, phrase: string): boolean {
  let from = text.indexOf(phrase);
  while (from >= 0) {
    const before = from === 0 ? ' ' : text.charAt(from - 1);
    const after = text.charAt(from + phrase.length) || ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
    from = text.indexOf(phrase, from + 1);
  }
  return false;
}
