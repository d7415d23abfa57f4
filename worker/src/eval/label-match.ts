/**
 * Scores a scan's alerts against the generator's `labels.json` (worker/src/sim/generate/labels.ts
 * states the matching rule): per policy, how many planted attacks an alert of that policy found
 * (recall), how many of the policy's alerts found an attack (precision), and how many alerts fell
 * on users who were never attacked (the noise an analyst would wade through).
 */

export interface LabelEntry {
  id: string;
  policy: string;
  alsoMatches: string[];
  user: { id: string; id15: string; username: string } | null;
  ip: string | null;
  from: string;
  to: string;
}

export interface LabelsFile {
  matching: { toleranceMinutes: number };
  attacks: LabelEntry[];
  lookAlikes: LabelEntry[];
  users?: number;
  days?: number;
}

export interface ScoredAlert {
  policy: string;
  userId?: string;
  ip?: string;
  occurredAt: string;
  key?: string;
  title?: string;
}

export interface PolicyScore {
  policy: string;
  attacks: number;
  detected: number;
  alerts: number;
  truePositives: number;
  /** False positives a look-alike explains. */
  lookAlikeHits: number;
  /** False positives nothing explains. */
  unexplained: number;
  /** Alerts on users no attack was aimed at that match no attack. */
  benignUserAlerts: number;
}

export interface EvalScore {
  policies: PolicyScore[];
  benignUsers: number;
  benignUserAlerts: number;
  /** Alerts the policy raised that matched nothing, for the report. */
  misses: Array<{ policy: string; label: string }>;
  falsePositives: Array<ScoredAlert & { explainedBy?: string }>;
}

export function matches(alert: ScoredAlert, label: LabelEntry, toleranceMinutes: number, strictPolicy = false): boolean {
  const policyOk = alert.policy === label.policy || (!strictPolicy && label.alsoMatches.includes(alert.policy));
  if (!policyOk) return false;
  if (label.user) {
    if (!alert.userId || alert.userId.slice(0, 15) !== label.user.id15) return false;
  } else if (!label.ip || alert.ip !== label.ip) return false;
  const at = Date.parse(alert.occurredAt);
  const tolerance = toleranceMinutes * 60_000;
  return at >= Date.parse(label.from) - tolerance && at <= Date.parse(label.to) + tolerance;
}

/** `policies`: every registered policy id, so a policy with no alerts and no attacks still shows. */
export function score(alerts: readonly ScoredAlert[], labels: LabelsFile, policies: readonly string[], userIds: readonly string[]): EvalScore {
  const tolerance = labels.matching.toleranceMinutes;
  const byPolicy = new Map<string, PolicyScore>();
  const entry = (policy: string): PolicyScore => {
    let s = byPolicy.get(policy);
    if (!s) {
      s = { policy, attacks: 0, detected: 0, alerts: 0, truePositives: 0, lookAlikeHits: 0, unexplained: 0, benignUserAlerts: 0 };
      byPolicy.set(policy, s);
    }
    return s;
  };
  for (const policy of policies) entry(policy);
  const attacked = new Set(labels.attacks.flatMap((a) => (a.user ? [a.user.id15] : [])));
  const misses: EvalScore['misses'] = [];
  for (const attack of labels.attacks) {
    const s = entry(attack.policy);
    s.attacks += 1;
    // Recall counts alerts of the attack's own policy; alsoMatches only excuses other policies' alerts.
    if (alerts.some((alert) => matches(alert, attack, tolerance, true))) s.detected += 1;
    else misses.push({ policy: attack.policy, label: attack.id });
  }
  const falsePositives: EvalScore['falsePositives'] = [];
  let benignUserAlerts = 0;
  for (const alert of alerts) {
    const s = entry(alert.policy);
    s.alerts += 1;
    // An alert that matches an attack (its policy or one of its alsoMatches) is never noise on a
    // benign user, even when the label names the attack by IP and the alert names the account it reached.
    if (labels.attacks.some((attack) => matches(alert, attack, tolerance))) {
      s.truePositives += 1;
      continue;
    }
    if (alert.userId && !attacked.has(alert.userId.slice(0, 15))) {
      s.benignUserAlerts += 1;
      benignUserAlerts += 1;
    }
    const explained = labels.lookAlikes.find((look) => matches(alert, look, tolerance));
    if (explained) s.lookAlikeHits += 1;
    else s.unexplained += 1;
    falsePositives.push({ ...alert, ...(explained ? { explainedBy: explained.id } : {}) });
  }
  const benignUsers = new Set(userIds.map((id) => id.slice(0, 15)).filter((id) => !attacked.has(id))).size;
  return { policies: [...byPolicy.values()].sort((a, b) => a.policy.localeCompare(b.policy)), benignUsers, benignUserAlerts, misses, falsePositives };
}

/** Adds up several runs (seeds). */
export function combine(scores: readonly EvalScore[]): EvalScore {
  const byPolicy = new Map<string, PolicyScore>();
  for (const s of scores) {
    for (const p of s.policies) {
      const sum = byPolicy.get(p.policy) ?? { ...p, attacks: 0, detected: 0, alerts: 0, truePositives: 0, lookAlikeHits: 0, unexplained: 0, benignUserAlerts: 0 };
      for (const k of ['attacks', 'detected', 'alerts', 'truePositives', 'lookAlikeHits', 'unexplained', 'benignUserAlerts'] as const) sum[k] += p[k];
      byPolicy.set(p.policy, sum);
    }
  }
  return {
    policies: [...byPolicy.values()].sort((a, b) => a.policy.localeCompare(b.policy)),
    benignUsers: scores.reduce((n, s) => n + s.benignUsers, 0),
    benignUserAlerts: scores.reduce((n, s) => n + s.benignUserAlerts, 0),
    misses: scores.flatMap((s) => s.misses),
    falsePositives: scores.flatMap((s) => s.falsePositives),
  };
}

export const recall = (p: PolicyScore): number => (p.attacks === 0 ? 1 : p.detected / p.attacks);
export const precision = (p: PolicyScore): number => (p.alerts === 0 ? 1 : p.truePositives / p.alerts);
