/**
 * What a detection policy is: metadata a reviewer and an analyst can read, plus a pure
 * `evaluate` that gets its state and settings passed in (so fixtures can fake both).
 */
import type { Activity } from '../activity/activity';
import type { UserStates } from '../enrichment/user-state';
import type { KeyedState } from '../state/keyed-state';

export type Severity = 'low' | 'medium' | 'high';
export type Sensitivity = 'low' | 'medium' | 'high';

export interface ThresholdSpec {
  default: number;
  min: number;
  max: number;
  description: string;
}

export interface PolicyMeta {
  /** Permanent id, equal to the policy's folder name; never reused. */
  id: string;
  name: string;
  severity: Severity;
  /** MITRE ATT&CK technique ids, e.g. `T1110.001`. */
  mitre: string[];
  /** What it catches and how. */
  description: string;
  /** What it misses: known gaps are better than unknown gaps. */
  knownGaps: string[];
  /** Benign causes of alerts and how the policy handles them. */
  falsePositives: string[];
  /** What an analyst does with an alert, step by step. */
  runbook: string[];
  /** Streams the policy reads (documentation, `docs/policies.md`). */
  dataSources: string[];
  /**
   * Activity sources the policy is given (`LoginHistory`, `ELF:Login`, `LoginEvent` …). One event
   * often arrives from several sources — a sign-in is a LoginHistory row, an event log Login row
   * and a LoginEvent — so each policy names the ones it counts, and never counts one event twice.
   */
  sources: string[];
  thresholds: Record<string, ThresholdSpec>;
  /** What each sensitivity level changes. */
  sensitivity: Record<Sensitivity, string>;
}

/** An alert as a policy raises it; `alerts/` turns it into the public alert line and record. */
export interface AlertDraft {
  policy: string;
  severity: Severity;
  /** Stable part of the key besides policy and subject: e.g. the burst's first event time. */
  bucket: string;
  subject: string;
  userId?: string;
  username?: string;
  occurredAtMs: number;
  lastSeenAtMs: number;
  ip?: string;
  country?: string;
  count: number;
  title: string;
  description: string;
  evidence: Record<string, unknown>;
}

export interface PolicySettings {
  sensitivity: Sensitivity;
  /** Thresholds after config overrides and sensitivity adjustments. */
  thresholds: Record<string, number>;
}

/** What the deployment knows besides the activities: the org's user directory and config lists. */
export interface DetectionEnvironment {
  /** The users stream's last snapshot (active/frozen/terminated with times, privileged users); absent before the first users pass. */
  users?: UserStates;
  /** Config `allowedDomains`: where files may be shared (the org's own domains are added). */
  allowedDomains: readonly string[];
  /** Config `personalEmailDomains`, or the built-in list of personal mailbox providers. */
  personalEmailDomains: readonly string[];
}

export interface DetectionContext {
  settings: PolicySettings;
  /** Per-policy state (Redis in `run`, memory in `scan` and fixtures), read and written in batches. */
  state: KeyedState;
  env: DetectionEnvironment;
}

export interface Policy {
  meta: PolicyMeta;
  /** Thresholds for a sensitivity level, before explicit config overrides. */
  thresholdsFor(sensitivity: Sensitivity): Record<string, number>;
  /** Activities of one batch, ordered by time; returns the alerts raised or updated by it. */
  evaluate(activities: readonly Activity[], ctx: DetectionContext): Promise<AlertDraft[]>;
}
