/**
 * `labels.json`: every planted attack and every benign look-alike, in a shape an evaluator can
 * match alerts (DESIGN §4.4 alert lines) against:
 *
 * - an alert matches a label when `alert.policy` is the label's `policy` (or one of its
 *   `alsoMatches`), the subject agrees — `alert.userId` equals `user.id` (compare the first 15
 *   characters; event logs carry 15-character ids) when the label names a user, else
 *   `alert.ip` equals `ip` — and `alert.occurredAt` lies in [`from` − tolerance, `to` + tolerance];
 * - an alert matching an `attacks` entry is a true positive; one matching a `lookAlikes` entry
 *   is a false positive that entry explains; an alert matching neither is unexplained.
 *
 * `evidence` names what identifies the scenario in the data: addresses, countries, session
 * keys, record ids, event types and counts.
 */
import type { SimUser } from './model';
import { writeTextFile } from './output/buffered-file';
import { isoZ } from './time';

export const LABELS_FORMAT = 'orgwarden-sim-labels/1';
export const MATCH_TOLERANCE_MINUTES = 15;

export interface LabelUser {
  id: string;
  id15: string;
  username: string;
}

export interface Evidence {
  ips?: string[];
  countries?: string[];
  sessionKeys?: string[];
  eventTypes?: string[];
  records?: Record<string, string[]>;
  counts?: Record<string, number>;
  [key: string]: unknown;
}

export interface LabelInput {
  policy: string;
  alsoMatches?: string[];
  user?: SimUser;
  ip?: string;
  fromMs: number;
  toMs: number;
  severity?: 'low' | 'medium' | 'high';
  description: string;
  evidence: Evidence;
  /** Shield Threat Detection event stored for the scenario (object, record Id and EventIdentifier). */
  realtimeEvent?: { object: string; id: string; eventIdentifier: string };
}

export interface LookAlikeInput extends LabelInput {
  /** Why a well-tuned policy should stay quiet. */
  whyBenign: string;
  /** Policies expected to alert anyway (a known false positive of a simple template). */
  knownFalsePositiveOf?: string[];
}

function labelUser(user: SimUser | undefined): LabelUser | null {
  return user ? { id: user.id, id15: user.id15, username: user.username } : null;
}

function toJson(id: string, input: LabelInput): Record<string, unknown> {
  return {
    id,
    policy: input.policy,
    alsoMatches: input.alsoMatches ?? [],
    user: labelUser(input.user),
    ip: input.ip ?? null,
    from: isoZ(input.fromMs),
    to: isoZ(input.toMs),
    expectedSeverity: input.severity ?? null,
    description: input.description,
    evidence: input.evidence,
    realtimeEvent: input.realtimeEvent ?? null,
  };
}

export class LabelBook {
  private readonly attacks: Array<Record<string, unknown>> = [];
  private readonly lookAlikes: Array<Record<string, unknown>> = [];

  attack(input: LabelInput): void {
    this.attacks.push(toJson(`attack-${String(this.attacks.length + 1).padStart(2, '0')}-${input.policy}`, input));
  }

  lookAlike(input: LookAlikeInput): void {
    const json = toJson(`lookalike-${String(this.lookAlikes.length + 1).padStart(2, '0')}-${input.policy}`, input);
    this.lookAlikes.push({ ...json, whyBenign: input.whyBenign, knownFalsePositiveOf: input.knownFalsePositiveOf ?? [] });
  }

  get attackCount(): number {
    return this.attacks.length;
  }

  write(file: string, header: Record<string, unknown>): void {
    const doc = {
      format: LABELS_FORMAT,
      ...header,
      matching: {
        rule:
          'An alert matches a label when alert.policy equals label.policy or is in label.alsoMatches; alert.userId equals label.user.id ' +
          '(compare the first 15 characters) when label.user is set, else alert.ip equals label.ip; and alert.occurredAt is within ' +
          `[label.from - ${MATCH_TOLERANCE_MINUTES} min, label.to + ${MATCH_TOLERANCE_MINUTES} min]. Matching an attack = true positive; ` +
          'matching a lookAlike = false positive that entry explains.',
        toleranceMinutes: MATCH_TOLERANCE_MINUTES,
      },
      attacks: this.attacks,
      lookAlikes: this.lookAlikes,
    };
    writeTextFile(file, `${JSON.stringify(doc, null, 1)}\n`);
  }
}
