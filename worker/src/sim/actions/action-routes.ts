/**
 * `/actions`: invocable actions. The simulated org offers the standard `emailSimple` action:
 * `GET /actions/standard/emailSimple` describes it, `POST` with `{"inputs": [{…}, …]}` sends one
 * email per input and answers with one result per input — HTTP 200 when every invocation
 * succeeded, 400 when any failed (the failed elements carry `isSuccess:false` and `errors`).
 * Other actions are not modelled (404).
 */
import { allow, basePath, type DataRequest } from '../api/data-request';
import { jsonParserError, notFound } from '../http/http-errors';
import { readJsonBody } from '../http/request-body';
import { sendJson } from '../http/send';
import { SENDER_TYPES } from './email-inputs';
import { invokeEmailSimple } from './email-simple';

const LABEL = 'Send Email';
const TYPE = 'EMAILSIMPLE';

function input(name: string, label: string, type: string, required: boolean, maxOccurs = 1, picklist?: readonly string[]): Record<string, unknown> {
  return {
    byteLength: 0, description: null, label, maxOccurs, name, required, sobjectType: null, type,
    picklistValues: picklist ? picklist.map((value) => ({ label: value, value })) : null,
  };
}

function describe(r: DataRequest): Record<string, unknown> {
  return {
    description: 'Send an email where you specify the subject, body, and recipients.', label: LABEL, name: 'emailSimple', standard: true, targetEntityName: null, type: TYPE,
    url: `${basePath(r)}/actions/standard/emailSimple`, outputs: [],
    inputs: [
      input('emailAddresses', 'Recipient Address List', 'STRING', false), input('emailAddressesArray', 'Recipient Address Collection', 'STRING', false, 5),
      input('emailBody', 'Body', 'TEXTAREA', true), input('emailSubject', 'Subject', 'STRING', true), input('recipientId', 'Recipient ID', 'REFERENCE', false),
      input('relatedRecordId', 'Related Record ID', 'REFERENCE', false), input('senderAddress', 'Sender Address', 'STRING', false),
      input('senderType', 'Sender Type', 'STRING', false, 1, SENDER_TYPES),
    ],
  };
}

async function invoke(r: DataRequest): Promise<void> {
  const body = (r.log.body = await readJsonBody(r.ex.req)) as { inputs?: unknown } | undefined;
  if (!body || typeof body !== 'object' || !Array.isArray(body.inputs)) throw jsonParserError('Cannot deserialize the request: expected {"inputs": [ … ]}');
  const results = invokeEmailSimple(r, body.inputs);
  sendJson(r.ex, results.every((res) => res.isSuccess) ? 200 : 400, results);
}

/** Dispatches `/actions[/standard[/emailSimple]]`. */
export async function actionsRoute(r: DataRequest): Promise<void> {
  const [, kind, name, ...rest] = r.segments;
  if (rest.length) throw notFound();
  if (kind === undefined || kind === '') {
    allow(r, ['GET', 'HEAD']);
    return sendJson(r.ex, 200, { standard: `${basePath(r)}/actions/standard`, custom: `${basePath(r)}/actions/custom` });
  }
  if (kind !== 'standard') throw notFound();
  if (name === undefined || name === '') {
    allow(r, ['GET', 'HEAD']);
    return sendJson(r.ex, 200, { actions: [{ label: LABEL, name: 'emailSimple', type: TYPE, url: `${basePath(r)}/actions/standard/emailSimple` }] });
  }
  if (name !== 'emailSimple') throw notFound();
  allow(r, ['GET', 'HEAD', 'POST']);
  if (r.method === 'POST') return invoke(r);
  sendJson(r.ex, 200, describe(r));
}
