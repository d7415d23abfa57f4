/**
 * The org's rolling 24-hour API allocation. Every REST call counts — including `/limits` and
 * calls that fail — except the unauthenticated versions list. At the limit Salesforce refuses
 * further calls with 403 REQUEST_LIMIT_EXCEEDED until usage drops; each response reports
 * `Sforce-Limit-Info: api-usage=<used>/<max>`.
 */
export class ApiUsage {
  private usedCalls: number;

  constructor(
    private maxCalls: number,
    used = 0,
  ) {
    this.usedCalls = used;
  }

  get used(): number {
    return this.usedCalls;
  }

  get max(): number {
    return this.maxCalls;
  }

  /** Sets the calls used so far (tests and the demo use it to exhaust or free the allocation). */
  set(used: number, max: number = this.maxCalls): void {
    if (!Number.isInteger(used) || used < 0) throw new Error(`api usage must be an integer >= 0, got ${used}`);
    if (!Number.isInteger(max) || max <= 0) throw new Error(`api limit must be an integer > 0, got ${max}`);
    this.usedCalls = used;
    this.maxCalls = max;
  }

  /** Counts one call; false (and nothing counted) when the allocation is already used up. */
  tryConsume(): boolean {
    if (this.usedCalls >= this.maxCalls) return false;
    this.usedCalls += 1;
    return true;
  }

  /** `Sforce-Limit-Info` header value. */
  header(): string {
    return `api-usage=${this.usedCalls}/${this.maxCalls}`;
  }
}
