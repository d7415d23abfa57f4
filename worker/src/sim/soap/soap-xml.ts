/**
 * SOAP 1.1 envelopes of the Metadata API, read and written with fast-xml-parser.
 *
 * Requests: the operation is the first element of `Body`, the session id travels only in
 * `Header/SessionHeader/sessionId` (jsforce sends no Authorization header on SOAP calls).
 * Responses follow what jsforce's parser needs (wire spec §6.2): namespace-prefixed `Envelope` and
 * `Body`, namespaces declared on the Envelope, no attribute on `Body`. Text is escaped by the
 * builder; characters XML 1.0 cannot carry at all are replaced, so org data (untrusted) can never
 * break the document.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { SoapFault } from './soap-fault';

export const METADATA_NS = 'http://soap.sforce.com/2006/04/metadata';
const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';

/** Request elements that may repeat (always read as arrays). */
const REPEATED = new Set(['fullNames', 'queries']);

export interface SoapRequest {
  operation: string;
  /** The operation element's children (strings, nested objects, arrays for repeated elements). */
  args: Record<string, unknown>;
  sessionId: string | undefined;
}

const parser = new XMLParser({
  removeNSPrefix: true, ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, trimValues: true,
  isArray: (name) => REPEATED.has(name),
});

// Everything XML 1.0 allows in character data; the rest (most C0 controls, lone surrogates) is replaced.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const cleanText = (value: unknown): unknown => (typeof value === 'string' ? value.replace(NOT_XML_CHAR, '\uFFFD') : value);

const builder = new XMLBuilder({
  ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: true, suppressBooleanAttributes: false,
  tagValueProcessor: (_name, value) => cleanText(value) as string,
  attributeValueProcessor: (_name, value) => cleanText(value) as string,
});

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Reads a SOAP request; malformed ones are the `soapenv:Client` faults Salesforce's SOAP stack sends. */
export function parseSoapRequest(text: string): SoapRequest {
  // Salesforce's parser refuses document type declarations (and with them entity expansion).
  if (/<!DOCTYPE/i.test(text)) throw SoapFault.client('DOCTYPE is disallowed when the feature "http://apache.org/xml/features/disallow-doctype-decl" set to true.');
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw SoapFault.client(`Unable to parse the request: ${valid.err.msg} (line ${valid.err.line})`);
  const envelope = asObject(asObject(parser.parse(text))?.['Envelope']);
  const body = asObject(envelope?.['Body']);
  const [operation] = Object.keys(body ?? {});
  if (!envelope || !body || !operation) throw SoapFault.client('Unable to find a SOAP Envelope with an operation in its Body');
  const header = asObject(envelope['Header']);
  const sessionId = asObject(header?.['SessionHeader'])?.['sessionId'];
  return { operation, args: asObject(body[operation]) ?? {}, sessionId: typeof sessionId === 'string' ? sessionId : undefined };
}

function envelope(body: string, extraNamespaces = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns="${METADATA_NS}" xmlns:xsi="${XSI_NS}"${extraNamespaces}><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/**
 * The response of `operation` (`<readMetadataResponse><result>…`) with `results` as its `result`
 * element(s): plain objects, arrays for repeated elements, `@_xsi:type` / `@_xsi:nil` attributes.
 */
export function soapResponse(operation: string, results: unknown): string {
  return envelope(builder.build({ [`${operation}Response`]: { result: results } }) as string);
}

export function soapFaultXml(fault: SoapFault): string {
  const body = builder.build({ 'soapenv:Fault': { faultcode: fault.faultCode, faultstring: fault.message } }) as string;
  return envelope(body, ` xmlns:sf="${METADATA_NS}"`);
}
