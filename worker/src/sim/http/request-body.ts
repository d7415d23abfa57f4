/**
 * Request bodies: JSON for the REST API (a syntax error is Salesforce's 400 JSON_PARSER_ERROR),
 * form-encoded for the OAuth endpoints.
 */
import type { IncomingMessage } from 'node:http';
import { jsonParserError, SfHttpError } from './http-errors';

// Salesforce caps REST request bodies well below this; it only guards the simulator's memory.
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new SfHttpError(413, 'EXCEEDED_MAX_SIZE_REQUEST', 'Request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** The parsed JSON body, or undefined when the body is empty. */
export async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readText(req);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw jsonParserError(`Unexpected character in JSON body: ${(err as Error).message}`);
  }
}

/** `application/x-www-form-urlencoded` body as a map (last value wins). */
export async function readFormBody(req: IncomingMessage): Promise<Map<string, string>> {
  const params = new URLSearchParams(await readText(req));
  return new Map(params.entries());
}
