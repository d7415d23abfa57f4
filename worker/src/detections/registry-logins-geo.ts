/** Policies of the logins-geo group (see registry.ts). */
import { anonymousIp } from './anonymous-ip/anonymous-ip';
import { impossibleTravel } from './impossible-travel/impossible-travel';
import { infrequentCountry } from './infrequent-country/infrequent-country';
import { riskyIpLogon } from './risky-ip-logon/risky-ip-logon';
import { suspiciousIp } from './suspicious-ip/suspicious-ip';
import type { Policy } from './types';

export const LOGINS_GEO_POLICIES: readonly Policy[] = [impossibleTravel, infrequentCountry, anonymousIp, suspiciousIp, riskyIpLogon];
