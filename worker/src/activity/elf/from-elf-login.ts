/**
 * Login event rows → login.success / login.failure. The outcome comes from LOGIN_STATUS, a code
 * (`LOGIN_NO_ERROR`, `LOGIN_ERROR_INVALID_PASSWORD` …) that is the same in every org language
 * (Object Reference, "Login Event Type"). Files written before LOGIN_STATUS existed (2015 layout)
 * only have REQUEST_STATUS: `F`/`Failure` is a failure, anything else a success.
 * SOURCE_IP is where the login came from; CLIENT_IP is the fallback.
 */
import { baseBuilder, ipOf, type ElfNormalizer } from './elf-row';

const SUCCESS = 'LOGIN_NO_ERROR';

export const elfLogin: ElfNormalizer = {
  eventType: 'Login',
  bind(col, orgId) {
    const base = baseBuilder(col, 'Login', orgId);
    const c = {
      status: col('LOGIN_STATUS'),
      requestStatus: col('REQUEST_STATUS'),
      sourceIp: col('SOURCE_IP'),
      userName: col('USER_NAME'),
      loginType: col('LOGIN_TYPE'),
      browser: col('BROWSER_TYPE'),
      subType: col('LOGIN_SUB_TYPE'),
    };
    return (row, timeMs) => {
      const status = row.text(c.status);
      const success = status ? status === SUCCESS : !(row.is(c.requestStatus, 'F') || row.is(c.requestStatus, 'Failure'));
      const activity = base(row, success ? 'login.success' : 'login.failure', timeMs);
      if (status) activity.status = status;
      const sourceIp = ipOf(row.text(c.sourceIp));
      if (sourceIp) activity.ip = sourceIp;
      const username = row.text(c.userName);
      if (username) activity.username = username;
      const loginType = row.text(c.loginType);
      if (loginType) activity.loginType = loginType;
      const browser = row.text(c.browser);
      if (browser) activity.userAgent = browser;
      // OAuth flow of the login (oauthpassword, oauthrefreshtoken …): how the client signed in.
      const subType = row.text(c.subType);
      if (subType) activity.operation = subType;
      return activity;
    };
  },
};
