/**
 * What the data group's day-anomaly policies share when they turn a day alert into an AlertDraft
 * and a sensitivity into thresholds: the key (user + UTC day), the times, the most frequent IP
 * and country, and the baseline sentence an analyst reads instead of the raw logs.
 */
import type { AlertDraft, Sensitivity } from '../types';
import { topNotes, type DayAlertView, type MetricFigures } from './data-daily-anomaly';

export type DraftBase = Pick<AlertDraft, 'policy' | 'bucket' | 'subject' | 'userId' | 'username' | 'occurredAtMs' | 'lastSeenAtMs' | 'ip' | 'country'>;

/** The UTC day of an alert as `2026-11-26`. */
export function isoDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

export function draftBase(policy: string, view: DayAlertView): DraftBase {
  const { alert } = view;
  const ip = topNotes(alert, 'ip', 1)[0]?.[0];
  const country = topNotes(alert, 'country', 1)[0]?.[0];
  return {
    policy,
    bucket: `${view.userId}:${isoDay(alert.day)}`,
    subject: view.userId,
    userId: view.userId,
    ...(view.username ? { username: view.username } : {}),
    occurredAtMs: alert.firstAtMs,
    lastSeenAtMs: alert.lastAtMs,
    ...(ip ? { ip } : {}),
    ...(country ? { country } : {}),
  };
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** "usually at most 3 a day (mean 0.4 over 23 days); alert threshold 20" */
export function baselineSentence(figures: MetricFigures, unit: string): string {
  const { baseline, threshold } = figures;
  const usual = baseline.maxPerDay === 0 ? `none in the last ${baseline.days} days` : `usually at most ${fmt(baseline.maxPerDay)} ${unit} a day (mean ${fmt(baseline.meanPerDay)} over ${baseline.days} days)`;
  return `${usual}; threshold ${fmt(threshold)}`;
}

export function figuresEvidence(figures: MetricFigures | undefined): Record<string, unknown> | undefined {
  if (!figures) return undefined;
  return { observed: figures.observed, threshold: figures.threshold, baseline: figures.baseline };
}

/**
 * Thresholds of a day-anomaly policy by sensitivity: low doubles the absolute floors and asks
 * for 4× the user's normal high, high halves the floors and asks for 2×; medium is the default.
 */
export function dayAnomalyThresholds(defaults: Record<string, number>, floors: readonly string[], sensitivity: Sensitivity): Record<string, number> {
  const out: Record<string, number> = { ...defaults };
  for (const key of floors) {
    const base = defaults[key]!;
    out[key] = sensitivity === 'low' ? base * 2 : sensitivity === 'high' ? Math.max(1, Math.ceil(base / 2)) : base;
  }
  if (out['factor'] !== undefined) out['factor'] = sensitivity === 'low' ? 4 : sensitivity === 'high' ? 2 : defaults['factor']!;
  return out;
}

export const fmtCount = fmt;
