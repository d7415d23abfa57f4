/**
 * Login event rows (34 columns of a real 2025 file + AUTHENTICATION_CONTEXT_CLASS_REFERENCE).
 * LOGIN_TYPE and LOGIN_STATUS are codes, never labels: `A` Application (browser), `i` Remote
 * Access 2.0 (OAuth), LOGIN_NO_ERROR / LOGIN_ERROR_INVALID_PASSWORD / …
 */
import type { GenContext } from '../../context';
import type { Device, Place, SimUser } from '../../model';
import type { Rng } from '../../prng';
import { rowBase, timings } from '../row-base';

export interface LoginRowInput {
  user: SimUser;
  timeMs: number;
  place: Place;
  device: Device;
  oauth: boolean;
  loginStatus: string;
  loginKey: string;
  loginSubType?: string;
}

export function emitLoginRow(ctx: GenContext, rng: Rng, input: LoginRowInput): void {
  const success = input.loginStatus === 'LOGIN_NO_ERROR';
  ctx.elf.add('Login', input.timeMs, {
    ...rowBase(ctx, rng, input.timeMs, input.user),
    ...timings(rng),
    URI: input.oauth ? '/services/oauth2/token' : '/index.jsp',
    LOGIN_KEY: success ? input.loginKey : '',
    REQUEST_STATUS: success ? 'S' : 'F',
    LOGIN_TYPE: input.oauth ? 'i' : 'A',
    BROWSER_TYPE: input.device.userAgent,
    API_VERSION: '9998.0',
    USER_NAME: input.user.username,
    TLS_PROTOCOL: 'TLSv1.3',
    CIPHER_SUITE: 'TLS_AES_256_GCM_SHA384',
    USE_API_TOKEN: input.oauth ? '' : 'F',
    LOGIN_URL: ctx.org.myDomain,
    COUNTRY_CODE: input.place.geo.countryIso,
    LOGIN_SUB_TYPE: input.loginSubType ?? '',
    CLIENT_IP: input.place.ip,
    SOURCE_IP: input.place.ip,
    LOGIN_STATUS: input.loginStatus,
  });
}
