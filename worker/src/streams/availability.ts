/**
 * Sources an org may not have: Real-Time Event Monitoring storage (Shield / Event Monitoring
 * add-on), ContentDocumentLink without a filter (needs Query All Files). The first query tells —
 * Salesforce answers with an errorCode such as INVALID_TYPE — and the answer is kept in the org's
 * state: the source is then skipped cleanly (no failure, no retries) with one log line and a
 * "not available" status, and tried again once a day.
 */
import { OrgWardenError } from '../errors';
import type { SourceContext, SourcePage, StreamSource, TimeWindow } from './stream';

export const RECHECK_AFTER_MS = 24 * 3_600_000;

interface Unavailable {
  errorCode: string;
  checkedAtMs: number;
}

export interface AvailabilityRule {
  /** Salesforce errorCodes meaning "this org does not offer the source". */
  errorCodes: readonly string[];
  /** What an operator can do about it. */
  remedy: string;
}

const keyOf = (source: StreamSource) => `availability:${source.id}`;

/** `source`, skipped while the org is known not to offer it. */
export function whenAvailable(source: StreamSource, rule: AvailabilityRule): StreamSource {
  return {
    id: source.id,
    resumeFrom: (cursor) => source.resumeFrom(cursor),
    async *pages(ctx, window, cursor) {
      const known = await readUnavailable(ctx, source);
      if (known && window.untilMs - known.checkedAtMs < RECHECK_AFTER_MS) {
        ctx.report?.({ source: source.id, state: 'not-available', detail: `not available in this org (${known.errorCode}); ${rule.remedy}` });
        return;
      }
      yield* guarded(source, rule, ctx, window, cursor, known);
    },
  };
}

async function* guarded(source: StreamSource, rule: AvailabilityRule, ctx: SourceContext, window: TimeWindow, cursor: unknown, known: Unavailable | undefined): AsyncGenerator<SourcePage> {
  let yielded = false;
  try {
    for await (const page of source.pages(ctx, window, cursor)) {
      if (!yielded && known) await writeUnavailable(ctx, source, undefined);
      yielded = true;
      yield page;
    }
  } catch (err) {
    const errorCode = err instanceof OrgWardenError ? String(err.data['errorCode'] ?? '') : '';
    if (yielded || !rule.errorCodes.includes(errorCode)) throw err;
    ctx.log.info({ source: source.id, errorCode }, `${source.id} is not available in this org: skipped, checked again in 24 h (${rule.remedy})`);
    await writeUnavailable(ctx, source, { errorCode, checkedAtMs: window.untilMs });
    ctx.report?.({ source: source.id, state: 'not-available', detail: `not available in this org (${errorCode}); ${rule.remedy}` });
  }
}

async function readUnavailable(ctx: SourceContext, source: StreamSource): Promise<Unavailable | undefined> {
  if (!ctx.state) return undefined;
  return (await ctx.state.begin().get<Unavailable>([keyOf(source)])).get(keyOf(source));
}

async function writeUnavailable(ctx: SourceContext, source: StreamSource, value: Unavailable | undefined): Promise<void> {
  if (!ctx.state) return;
  const batch = ctx.state.begin();
  batch.stage(keyOf(source), value);
  await batch.commit();
}
