/**
 * Email the simulated org has sent (the `emailSimple` action), for tests and the demo to read
 * (`sim.sentEmails`, `GET /__sim/emails`), and the daily single-email allocation it draws on:
 * Salesforce counts every external address an API-sent email goes to (to, cc and bcc; not users
 * addressed by Id) against `SingleEmail`, per GMT day.
 */
import defaults from '../api/limits-defaults.json';
import type { SimClock } from '../clock';

export interface SentEmail {
  /** Simulated time it was sent (ISO-8601). */
  sentAt: string;
  /** The user whose session invoked the action. */
  userId: string;
  senderType: 'CurrentUser' | 'DefaultWorkflowUser' | 'OrgWideEmailAddress';
  /** From address: the user's email, the org-wide address, or null for the default workflow user. */
  from: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  relatedRecordId: string | null;
  /** API version of the request that sent it. */
  apiVersion: string;
}

const dayOf = (date: Date): string => date.toISOString().slice(0, 10);

export class Outbox {
  private readonly sent: SentEmail[] = [];
  private readonly countedByDay = new Map<string, number>();

  constructor(
    private readonly clock: SimClock,
    /** SingleEmail Max (a Developer Edition org's, like the other `/limits` values). */
    readonly singleEmailMax: number = defaults.limits.SingleEmail.Max,
  ) {}

  /** Sent email, oldest first. */
  get emails(): readonly SentEmail[] {
    return this.sent;
  }

  /** External addresses mailed today (GMT), what `/limits` SingleEmail counts. */
  singleEmailUsed(): number {
    return this.countedByDay.get(dayOf(this.clock.now())) ?? 0;
  }

  /** Whether `count` more external addresses fit today's allocation. */
  fits(count: number): boolean {
    return this.singleEmailUsed() + count <= this.singleEmailMax;
  }

  /** Records a sent email that went to `counted` external addresses. */
  send(email: SentEmail, counted: number): void {
    this.sent.push(email);
    const day = dayOf(this.clock.now());
    this.countedByDay.set(day, (this.countedByDay.get(day) ?? 0) + counted);
  }

  /** Forgets the sent email (the day's allocation stays used, as in Salesforce). */
  clear(): void {
    this.sent.length = 0;
  }
}
