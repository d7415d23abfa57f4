/**
 * Invoking the standard `emailSimple` action: each input is one email, sent or refused on its
 * own, answered in input order as `{actionName, errors, isSuccess, outputValues}`. Sent email
 * goes to the org's outbox; its external addresses count against the daily `SingleEmail`
 * allocation (Salesforce: enforced for simple email actions and the REST API in orgs created
 * since Spring '19), addressing a user by `recipientId` does not.
 */
import type { DataRequest } from '../api/data-request';
import type { SaveError } from '../writes/write-error';
import { emailRequest, InvocationError, type EmailRequest } from './email-inputs';

export interface ActionResult {
  actionName: string;
  errors: SaveError[] | null;
  isSuccess: boolean;
  outputValues: Record<string, unknown> | null;
}

const ACTION = 'emailSimple';

function recipientEmail(r: DataRequest, id: string): string {
  const entry = r.core.view.getEntry(id.length === 15 || id.length === 18 ? id : '');
  const email = entry?.def.name === 'User' ? entry.record['Email'] : undefined;
  if (typeof email !== 'string') throw new InvocationError('INVALID_CROSS_REFERENCE_KEY', `invalid cross reference id: ${id}`, ['recipientId']);
  return email;
}

function fromAddress(r: DataRequest, req: EmailRequest): string | null {
  if (req.senderType === 'OrgWideEmailAddress') return req.senderAddress;
  if (req.senderType === 'DefaultWorkflowUser') return null;
  const email = r.core.view.get(r.session.userId)?.['Email'];
  return typeof email === 'string' ? email : null;
}

function send(r: DataRequest, raw: unknown): void {
  const req = emailRequest(raw, Number.parseFloat(r.version));
  const external = req.to.length + req.cc.length + req.bcc.length;
  const to = req.recipientId ? [...req.to, recipientEmail(r, req.recipientId)] : req.to;
  const outbox = r.core.outbox;
  if (!outbox.fits(external)) throw new InvocationError('SINGLE_EMAIL_LIMIT_EXCEEDED', `Email limit exceeded: the org may send single email to ${outbox.singleEmailMax} external addresses a day`);
  outbox.send({
    sentAt: r.core.clock.now().toISOString(), userId: r.session.userId, senderType: req.senderType, from: fromAddress(r, req),
    to, cc: req.cc, bcc: req.bcc, subject: req.subject, body: req.body, relatedRecordId: req.relatedRecordId, apiVersion: r.version,
  }, external);
}

/** Runs every input; one result per input, in order. */
export function invokeEmailSimple(r: DataRequest, inputs: unknown[]): ActionResult[] {
  return inputs.map((raw) => {
    try {
      send(r, raw);
      return { actionName: ACTION, errors: null, isSuccess: true, outputValues: null };
    } catch (err) {
      if (!(err instanceof InvocationError)) throw err;
      return { actionName: ACTION, errors: [err.toSaveError()], isSuccess: false, outputValues: null };
    }
  });
}
