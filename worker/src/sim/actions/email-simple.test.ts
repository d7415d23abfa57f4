import { Connection } from 'jsforce';
import { ADMIN, ALICE, rawFetch, removeTempDirs, startSim, type StartedSim } from '../__tests__/sim-test-kit';

let s: StartedSim;

beforeAll(async () => {
  s = await startSim();
});
afterAll(async () => {
  await s.sim.stop();
  removeTempDirs();
});
beforeEach(() => s.sim.clearSentEmails());

const EMAIL = '/actions/standard/emailSimple';
const mail = (extra: Record<string, unknown> = {}) => ({ emailAddresses: 'sec@example.com', emailSubject: 'User frozen', emailBody: 'alice@example.com was frozen <b>now</b>', ...extra });
const post = (inputs: unknown[], conn: Connection = s.conn) => conn.requestPost<unknown[]>(EMAIL, { inputs });

/**
 * The results of a refused request as jsforce hands them back: one element without a `message`
 * string gives ERROR_HTTP_400 with the raw body, several give MULTIPLE_API_ERRORS with the array.
 */
async function failure(inputs: unknown[], conn: Connection = s.conn): Promise<unknown[]> {
  const err = (await post(inputs, conn).catch((e: unknown) => e)) as { errorCode: string; message: string; data: unknown[] };
  if (inputs.length > 1) {
    expect(err.errorCode).toBe('MULTIPLE_API_ERRORS');
    return err.data;
  }
  expect(err.errorCode).toBe('ERROR_HTTP_400');
  return JSON.parse(err.message) as unknown[];
}

describe('emailSimple through jsforce', () => {
  it('sends one email per input, answers an array in input order, and records the mail', async () => {
    const results = await post([mail(), mail({ emailAddressesArray: ['a@example.com', 'b@example.com'], emailAddresses: undefined, senderType: 'OrgWideEmailAddress', senderAddress: 'noreply@example.com' })]);
    expect(results).toEqual([
      { actionName: 'emailSimple', errors: null, isSuccess: true, outputValues: null },
      { actionName: 'emailSimple', errors: null, isSuccess: true, outputValues: null },
    ]);
    expect(s.sim.sentEmails).toEqual([
      expect.objectContaining({ to: ['sec@example.com'], cc: [], bcc: [], subject: 'User frozen', body: 'alice@example.com was frozen <b>now</b>', senderType: 'CurrentUser', from: 'admin@example.com', userId: ADMIN, apiVersion: '62.0', sentAt: expect.stringMatching(/^2024-01-08T12:00:/) }),
      expect.objectContaining({ to: ['a@example.com', 'b@example.com'], senderType: 'OrgWideEmailAddress', from: 'noreply@example.com' }),
    ]);
  });

  it('addresses a user by recipientId', async () => {
    await post([{ recipientId: ALICE, emailSubject: 'Your account', emailBody: 'was frozen' }]);
    expect(s.sim.sentEmails[0]).toMatchObject({ to: ['alice@example.com'] });
  });

  it.each<[string, Record<string, unknown>, string, string[]]>([
    ['no subject', { emailSubject: undefined }, 'REQUIRED_FIELD_MISSING', ['emailSubject']],
    ['an empty body', { emailBody: '' }, 'REQUIRED_FIELD_MISSING', ['emailBody']],
    ['no recipient', { emailAddresses: undefined }, 'REQUIRED_FIELD_MISSING', ['emailAddresses']],
    ['six recipients', { emailAddresses: 'a@x.example,b@x.example,c@x.example', emailAddressesArray: ['d@x.example', 'e@x.example', 'f@x.example'] }, 'LIMIT_EXCEEDED', ['emailAddresses', 'emailAddressesArray']],
    ['a malformed address', { emailAddresses: 'sec@example.com, not-an-address' }, 'INVALID_EMAIL_ADDRESS', ['emailAddresses']],
    ['an org-wide sender without its address', { senderType: 'OrgWideEmailAddress' }, 'REQUIRED_FIELD_MISSING', ['senderAddress']],
    ['an unknown sender type', { senderType: 'Boss' }, 'INVALID_INPUT', ['senderType']],
    ['an input of a later API version', { ccRecipientAddressList: 'cc@example.com' }, 'INVALID_INPUT', ['ccRecipientAddressList']],
  ])('refuses %s (HTTP 400, per-input error)', async (_case, extra, statusCode, fields) => {
    const [result] = await failure([mail(extra)]);
    expect(result).toEqual({ actionName: 'emailSimple', isSuccess: false, outputValues: null, errors: [{ statusCode, message: expect.any(String), fields }] });
    expect(s.sim.sentEmails).toEqual([]);
  });

  it('sends the valid inputs of a request even when another fails', async () => {
    const results = await failure([mail(), mail({ emailSubject: '' })]);
    expect(results.map((r) => (r as { isSuccess: boolean }).isSuccess)).toEqual([true, false]);
    expect(s.sim.sentEmails).toHaveLength(1);
  });

  it('accepts cc and bcc lists from API 64.0', async () => {
    const v64 = new Connection({ instanceUrl: s.url, accessToken: s.token, version: '64.0' });
    await post([mail({ ccRecipientAddressList: 'cc1@example.com,cc2@example.com', bccRecipientAddressCollection: ['bcc@example.com'] })], v64);
    expect(s.sim.sentEmails[0]).toMatchObject({ cc: ['cc1@example.com', 'cc2@example.com'], bcc: ['bcc@example.com'] });
  });

  it('refuses a body that is not {"inputs": […]}', async () => {
    await expect(s.conn.requestPost(EMAIL, { emailSubject: 'x' })).rejects.toMatchObject({ errorCode: 'JSON_PARSER_ERROR' });
  });

  it('describes the action and lists it among the standard actions', async () => {
    const described = await s.conn.request<{ name: string; inputs: Array<{ name: string; required: boolean }> }>(EMAIL);
    expect(described.name).toBe('emailSimple');
    expect(described.inputs.filter((i) => i.required).map((i) => i.name).sort()).toEqual(['emailBody', 'emailSubject']);
    expect(await s.conn.request('/actions/standard')).toEqual({ actions: [expect.objectContaining({ name: 'emailSimple', type: 'EMAILSIMPLE' })] });
    await expect(s.conn.requestPost('/actions/standard/chatterPost', { inputs: [] })).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });
});

describe('the SingleEmail allocation', () => {
  // An org of its own: the test uses up the day's allocation.
  let own: StartedSim;
  beforeAll(async () => {
    own = await startSim();
  });
  afterAll(() => own.sim.stop());
  const singleEmail = async () => (await own.conn.limits()).SingleEmail as { Max: number; Remaining: number };

  it('counts external addresses in /limits, not users addressed by Id, and refuses mail beyond it', async () => {
    const before = await singleEmail();
    await post([mail({ emailAddresses: 'a@example.com,b@example.com' }), { recipientId: ALICE, emailSubject: 's', emailBody: 'b' }], own.conn);
    const after = await singleEmail();
    expect(before.Remaining - after.Remaining).toBe(2);
    const tooMany = Array.from({ length: after.Remaining + 1 }, (_v, i) => mail({ emailAddresses: `r${i}@example.com` }));
    const results = (await failure(tooMany, own.conn)) as Array<{ errors: Array<{ statusCode: string }> | null }>;
    expect(results.at(-1)?.errors?.[0]?.statusCode).toBe('SINGLE_EMAIL_LIMIT_EXCEEDED');
    expect(await singleEmail()).toEqual({ Max: before.Max, Remaining: 0 });
  });

  it('starts afresh the next GMT day', async () => {
    own.sim.setNow(new Date('2024-01-09T00:00:01Z'));
    const conn = new Connection({ instanceUrl: own.url, accessToken: own.sim.issueAccessToken(), version: '62.0' });
    const { Max, Remaining } = (await conn.limits()).SingleEmail as { Max: number; Remaining: number };
    expect(Remaining).toBe(Max);
  });
});

describe('/__sim/emails', () => {
  it('shows the sent mail without a token, and DELETE forgets it', async () => {
    await post([mail()]);
    const res = await rawFetch(`${s.url}/__sim/emails`);
    expect(await res.json()).toEqual({ emails: [expect.objectContaining({ to: ['sec@example.com'], subject: 'User frozen' })] });
    expect(await (await rawFetch(`${s.url}/__sim/emails`, { method: 'DELETE' })).json()).toEqual({ emails: [] });
    expect(s.sim.sentEmails).toEqual([]);
  });
});
