/**
 * A SOAP fault as Salesforce's SOAP endpoints send it: HTTP 500, `soapenv:Fault` with a prefixed
 * `faultcode` (`sf:INVALID_SESSION_ID`, `soapenv:Client`) and a `faultstring` that starts with
 * the exception code. jsforce reports `{errorCode: faultcode, message: faultstring}` and treats
 * 500 + `<faultcode>sf:INVALID_SESSION_ID</faultcode>` as an expired session (it refreshes).
 */
export class SoapFault extends Error {
  constructor(
    /** Prefixed fault code: `sf:<ExceptionCode>` or `soapenv:Client` / `soapenv:Server`. */
    readonly faultCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'SoapFault';
  }

  /** `sf:<code>` with Salesforce's `<CODE>: <message>` faultstring. */
  static sf(code: string, message: string): SoapFault {
    return new SoapFault(`sf:${code}`, `${code}: ${message}`);
  }

  /** A request the SOAP stack itself cannot read (malformed XML, unknown operation). */
  static client(message: string): SoapFault {
    return new SoapFault('soapenv:Client', message);
  }
}

export const invalidSessionFault = (): SoapFault => SoapFault.sf('INVALID_SESSION_ID', 'Invalid Session ID found in SessionHeader: Illegal Session');
