import { Writable } from 'node:stream';
import { createLogger } from './logger';
import { scrubSecrets, scrubString } from './redact';

const TOKEN = '00D5g00000ABCDE!AQ4AQFakeLoopbackTokenX9.abc';
const JWT = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhQGIuYyJ9.c2lnbmF0dXJl';

describe('secret redaction', () => {
  it('removes session ids and JWTs wherever they appear in text', () => {
    expect(scrubString(`GET /x?oauth_token=${TOKEN} assertion=${JWT}`)).toBe('GET /x?oauth_token=[redacted] assertion=[redacted]');
    expect(scrubString('Authorization: Bearer abc.def')).toBe('Authorization: Bearer [redacted]');
  });

  it('removes secret-named keys at any depth, keeping the rest', () => {
    expect(scrubSecrets({ org: 'acme', auth: { accessToken: 'opaque', nested: { refresh_token: 'r' } } })).toEqual({
      org: 'acme',
      auth: { accessToken: '[redacted]', nested: { refresh_token: '[redacted]' } },
    });
  });

  it('keeps tokens out of the log lines, including error messages and stacks', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger({ level: 'info', destination: sink });
    log.info({ accessToken: 'plain-opaque-token', url: `https://x/?t=${TOKEN}` }, `connected with ${TOKEN}`);
    log.error({ err: new Error(`INVALID_SESSION_ID for ${TOKEN}`) }, 'failed');
    const text = lines.join('');
    expect(text).not.toContain('plain-opaque-token');
    expect(text).not.toContain('AQ4AQFakeLoopbackToken');
    expect(text).toContain('INVALID_SESSION_ID for [redacted]');
  });
});
