/**
 * The inputs of one `emailSimple` invocation, checked as the Actions Developer Guide (Simple Email
 * Actions) states: `emailSubject` and `emailBody` required (unless an email template is used),
 * recipients from `emailAddresses` (comma-separated), `emailAddressesArray` and `recipientId` —
 * together at most five — plus, from API 64.0, cc/bcc lists and collections and, from 65.0,
 * `recipientAddresses`/`ccAddresses`/`bccAddresses`, all recipients together at most 150.
 * `senderType` is CurrentUser (default), DefaultWorkflowUser or OrgWideEmailAddress (which needs
 * `senderAddress`). A failure is the invocation's error (`statusCode`, `message`, `fields`).
 */
import type { SaveError } from '../writes/write-error';

type Role = 'to' | 'cc' | 'bcc';
type Spec = { kind: 'list'; role: Role; since?: number } | { kind: 'text' | 'boolean'; since?: number };

const INPUTS: Record<string, Spec> = {
  emailAddresses: { kind: 'list', role: 'to' }, emailAddressesArray: { kind: 'list', role: 'to' },
  ccRecipientAddressList: { kind: 'list', role: 'cc', since: 64 }, ccRecipientAddressCollection: { kind: 'list', role: 'cc', since: 64 },
  bccRecipientAddressList: { kind: 'list', role: 'bcc', since: 64 }, bccRecipientAddressCollection: { kind: 'list', role: 'bcc', since: 64 },
  recipientAddresses: { kind: 'list', role: 'to', since: 65 }, ccAddresses: { kind: 'list', role: 'cc', since: 65 }, bccAddresses: { kind: 'list', role: 'bcc', since: 65 },
  emailSubject: { kind: 'text' }, emailBody: { kind: 'text' }, senderAddress: { kind: 'text' }, senderType: { kind: 'text' },
  recipientId: { kind: 'text' }, relatedRecordId: { kind: 'text' }, emailTemplateId: { kind: 'text' }, composeMediumType: { kind: 'text' },
  logEmailOnSend: { kind: 'boolean' }, useLineBreaks: { kind: 'boolean' }, addThreadingTokenToBody: { kind: 'boolean' }, addThreadingTokenToSubject: { kind: 'boolean' },
};
/** The inputs the "five or fewer" rule covers. */
const CLASSIC_TO = ['emailAddresses', 'emailAddressesArray'];
const MAX_CLASSIC_RECIPIENTS = 5;
const MAX_RECIPIENTS = 150;
export const SENDER_TYPES = ['CurrentUser', 'DefaultWorkflowUser', 'OrgWideEmailAddress'] as const;
const EMAIL = /^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$/;

export interface EmailRequest {
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  body: string;
  senderType: (typeof SENDER_TYPES)[number];
  senderAddress: string | null;
  recipientId: string | null;
  relatedRecordId: string | null;
}

export class InvocationError extends Error {
  constructor(
    readonly statusCode: string,
    message: string,
    readonly fields: string[] = [],
  ) {
    super(message);
  }

  toSaveError(): SaveError {
    return { statusCode: this.statusCode, message: this.message, fields: this.fields };
  }
}

function addresses(name: string, value: unknown): string[] {
  const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) ? value : undefined;
  if (!items || items.some((v) => typeof v !== 'string')) throw new InvocationError('INVALID_INPUT', `${name}: expected a comma-separated list or a collection of email addresses`, [name]);
  const list = (items as string[]).map((a) => a.trim()).filter(Boolean);
  const bad = list.find((a) => !EMAIL.test(a));
  if (bad) throw new InvocationError('INVALID_EMAIL_ADDRESS', `Email address is invalid: ${bad}`, [name]);
  return list;
}

function checkTypes(input: Record<string, unknown>, version: number): void {
  for (const [name, value] of Object.entries(input)) {
    const spec = INPUTS[name];
    if (!spec || (spec.since !== undefined && version < spec.since)) throw new InvocationError('INVALID_INPUT', `Invalid input parameter: ${name}`, [name]);
    if (value === null || spec.kind === 'list') continue;
    if (spec.kind === 'boolean' ? typeof value !== 'boolean' : typeof value !== 'string') throw new InvocationError('INVALID_INPUT', `${name}: expected a ${spec.kind === 'boolean' ? 'boolean' : 'string'}`, [name]);
  }
}

function recipients(input: Record<string, unknown>): Record<Role, string[]> {
  const out: Record<Role, string[]> = { to: [], cc: [], bcc: [] };
  for (const [name, value] of Object.entries(input)) {
    const spec = INPUTS[name];
    if (spec?.kind === 'list' && value !== null && value !== undefined) out[spec.role].push(...addresses(name, value));
  }
  const classic = CLASSIC_TO.reduce((n, name) => n + (input[name] ? addresses(name, input[name]).length : 0), input['recipientId'] ? 1 : 0);
  if (classic > MAX_CLASSIC_RECIPIENTS) throw new InvocationError('LIMIT_EXCEEDED', `The number of recipients in emailAddresses, emailAddressesArray and recipientId must be ${MAX_CLASSIC_RECIPIENTS} or fewer`, CLASSIC_TO);
  if (out.to.length + out.cc.length + out.bcc.length + (input['recipientId'] ? 1 : 0) > MAX_RECIPIENTS) throw new InvocationError('LIMIT_EXCEEDED', `The combined number of recipients must be ${MAX_RECIPIENTS} or fewer`);
  if (!out.to.length && !out.cc.length && !out.bcc.length && !input['recipientId']) throw new InvocationError('REQUIRED_FIELD_MISSING', 'Missing required input parameter: emailAddresses', ['emailAddresses']);
  return out;
}

function text(input: Record<string, unknown>, name: string): string | null {
  const value = input[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** The checked request of one invocation (`version`: the request's API major version). */
export function emailRequest(raw: unknown, version: number): EmailRequest {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new InvocationError('INVALID_INPUT', 'Each input must be an object of input parameters');
  const input = raw as Record<string, unknown>;
  checkTypes(input, version);
  const templated = text(input, 'emailTemplateId') !== null;
  for (const name of ['emailSubject', 'emailBody']) if (!templated && text(input, name) === null) throw new InvocationError('REQUIRED_FIELD_MISSING', `Missing required input parameter: ${name}`, [name]);
  const senderType = (text(input, 'senderType') ?? 'CurrentUser') as EmailRequest['senderType'];
  if (!SENDER_TYPES.includes(senderType)) throw new InvocationError('INVALID_INPUT', `senderType must be one of ${SENDER_TYPES.join(', ')}`, ['senderType']);
  const senderAddress = text(input, 'senderAddress');
  if (senderType === 'OrgWideEmailAddress' && !senderAddress) throw new InvocationError('REQUIRED_FIELD_MISSING', 'Missing required input parameter: senderAddress', ['senderAddress']);
  if (senderAddress && !EMAIL.test(senderAddress)) throw new InvocationError('INVALID_EMAIL_ADDRESS', `Email address is invalid: ${senderAddress}`, ['senderAddress']);
  return {
    ...recipients(input), subject: text(input, 'emailSubject') ?? '', body: text(input, 'emailBody') ?? '', senderType, senderAddress,
    recipientId: text(input, 'recipientId'), relatedRecordId: text(input, 'relatedRecordId'),
  };
}
