/**
 * `POST /services/Soap/m/<version>[/<orgId>]`: the Metadata API's SOAP endpoint. Like a REST
 * call it counts against the org's API allocation (Salesforce's limits cover its SOAP and REST
 * APIs and everything built on them), then the session id from `SessionHeader` is checked — an
 * unknown or expired one is the 500 `sf:INVALID_SESSION_ID` fault jsforce answers by refreshing.
 * Every failure leaves as a SOAP fault (HTTP 500, `text/xml`), never as a REST error.
 */
import { servedVersion } from '../api-versions';
import { methodNotAllowed, notFound } from '../http/http-errors';
import { readText } from '../http/request-body';
import type { RequestLogEntry } from '../http/request-log';
import type { Exchange } from '../http/send';
import type { SimCore } from '../sim-core';
import { runMetadataOperation } from './metadata-operations';
import { invalidSessionFault, SoapFault } from './soap-fault';
import { parseSoapRequest, soapFaultXml, soapResponse } from './soap-xml';

const XML_TYPE = 'text/xml;charset=UTF-8';

function sendXml(ex: Exchange, status: number, xml: string): void {
  const payload = Buffer.from(xml, 'utf8');
  ex.res.writeHead(status, { 'Content-Type': XML_TYPE, 'Content-Length': String(payload.length) });
  ex.res.end(payload);
}

async function metadataCall(core: SimCore, ex: Exchange, log: RequestLogEntry, version: string): Promise<void> {
  if (!core.usage.tryConsume()) throw SoapFault.sf('REQUEST_LIMIT_EXCEEDED', 'TotalRequests Limit exceeded.');
  if (!servedVersion(`v${version}`)) throw SoapFault.sf('UNSUPPORTED_API_VERSION', 'Invalid Api version specified on URL');
  const request = parseSoapRequest(await readText(ex.req));
  // The session id stays out of the request log, like bearer tokens.
  log.body = { operation: request.operation, args: request.args };
  const session = request.sessionId ? core.tokens.lookup(request.sessionId) : undefined;
  if (!session) throw invalidSessionFault();
  sendXml(ex, 200, soapResponse(request.operation, runMetadataOperation(core, request)));
}

function unexpected(err: unknown, log: RequestLogEntry): SoapFault {
  log.body = { ...(log.body as object | undefined), error: String((err as Error)?.stack ?? err) };
  return SoapFault.sf('UNKNOWN_EXCEPTION', 'An unexpected error occurred. Please include this ErrorId if you contact support: 0-0 (-0)');
}

/** Handles `/services/Soap/<api>/…` (`segments` after `Soap`); only the Metadata API (`m`) is modelled. */
export async function soapRoute(core: SimCore, ex: Exchange, log: RequestLogEntry, segments: string[]): Promise<void> {
  const [api, version, ...rest] = segments;
  if (api !== 'm' || !version || rest.length > 1) throw notFound();
  if (ex.req.method !== 'POST') throw methodNotAllowed(ex.req.method ?? '', ['POST']);
  try {
    await metadataCall(core, ex, log, version);
  } catch (err) {
    const fault = err instanceof SoapFault ? err : unexpected(err, log);
    log.errorCode = fault.faultCode;
    sendXml(ex, 500, soapFaultXml(fault));
  }
}
