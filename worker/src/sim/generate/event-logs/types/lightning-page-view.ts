/** LightningPageView rows: one per page a user opens in Lightning Experience or the mobile app. */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export function emitPageViewRow(ctx: GenContext, rng: Rng, session: Session, timeMs: number, recordId: string, objectName: string): void {
  const mobile = session.kind === 'mobile';
  const duration = rng.int(300, 4000);
  ctx.elf.add('LightningPageView', timeMs, {
    ...rowBase(ctx, rng, timeMs, session.user, session),
    APP_NAME: 'one:one',
    DEVICE_PLATFORM: mobile ? 'SFX:HYBRID:PHONE' : 'SFX:BROWSER:DESKTOP',
    OS_NAME: session.device.osName,
    OS_VERSION: session.device.osVersion,
    USER_AGENT: session.device.userAgent,
    BROWSER_NAME: session.device.browserName,
    BROWSER_VERSION: session.device.browserVersion,
    CONNECTION_TYPE: mobile ? 'LTE' : '',
    UI_EVENT_ID: 'ltng:pageView',
    UI_EVENT_TIMESTAMP: String(timeMs),
    PAGE_START_TIME: String(timeMs - duration),
    DURATION: `${duration}.0`,
    EFFECTIVE_PAGE_TIME: `${duration}.0`,
    DEVICE_SESSION_ID: rng.token(40, '0123456789abcdef'),
    UI_EVENT_SEQUENCE_NUM: rng.int(1, 80),
    PAGE_ENTITY_ID: recordId,
    PAGE_ENTITY_TYPE: objectName,
    PAGE_CONTEXT: 'one:recordHomeFlexipage2Wrapper',
    PAGE_URL: `/lightning/r/${objectName}/${recordId}/view`,
    PAGE_APP_NAME: 'LightningSales',
    PREVPAGE_ENTITY_TYPE: objectName,
    PREVPAGE_CONTEXT: 'force:objectHomeDesktop',
    PREVPAGE_URL: `/lightning/o/${objectName}/list`,
    PREVPAGE_APP_NAME: 'LightningSales',
    CLIENT_GEO: `${session.place.geo.country}/${session.place.geo.city ?? ''}`,
  });
}
