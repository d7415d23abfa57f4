/**
 * ApiTotalUsage rows (a free event type): one per API request that counts against the org's
 * allocation, with the API family, resource and connected app.
 */
import type { GenContext } from '../../context';
import type { Session } from '../../model';
import type { Rng } from '../../prng';
import { rowBase } from '../row-base';

export function emitApiTotalUsageRow(
  ctx: GenContext, rng: Rng, session: Session, timeMs: number,
  call: { family: 'REST' | 'SOAP' | 'Bulk'; resource: string; entity: string; method: string; appId?: string; appName?: string; clientName?: string },
): void {
  const base = rowBase(ctx, rng, timeMs, session.user, session);
  ctx.elf.add('ApiTotalUsage', timeMs, {
    TIMESTAMP: base.TIMESTAMP, REQUEST_ID: base.REQUEST_ID, ORGANIZATION_ID: base.ORGANIZATION_ID, USER_ID: base.USER_ID,
    API_FAMILY: call.family, API_VERSION: '62.0', API_RESOURCE: call.resource, CLIENT_NAME: call.clientName ?? '',
    HTTP_METHOD: call.method, CLIENT_IP: session.place.ip, COUNTS_AGAINST_API_LIMIT: 'true',
    CONNECTED_APP_ID: call.appId?.slice(0, 15) ?? '', ENTITY_NAME: call.entity, STATUS_CODE: 200,
    TIMESTAMP_DERIVED: base.TIMESTAMP_DERIVED, API_CLIENT_CATEGORY: 'EXTERNAL_APPLICATION', CONNECTED_APP_NAME: call.appName ?? '',
    USER_NAME: session.user.username,
  });
}
