// Filing a request: placed by the look-up, given its category's deadlines, written with its
// first history entries and an audit row in one write. A placed request is assigned to its area
// at once (its lead sees it in the list); one that could not be placed waits, received, for
// hall staff. Nothing personal enters the audit row.
import type { AppContext } from '../../context';
import { nowOf } from '../../context';
import type { RequestCategory } from '../../domain/request-categories';
import type { RequestChannel } from '../../domain/requests';
import { audit } from '../audit/service';
import type { Within } from '../../db/write';
import { placeRequest, type Place } from './place';
import type { RequestSettings } from './settings';
import { appendEntry, findRequest, type StoredRequest } from './store';
import { newTicket } from './tickets';

export interface Filing {
  category: RequestCategory;
  text: string;
  address?: string;
  location?: [number, number];
  name?: string;
  phone?: string;
  consent?: boolean;
  channel: RequestChannel;
}

/** Who filed it: the resident on the public page (no account), or a signed-in user. */
export interface Filer {
  id: string | null;
  username: string | null;
}

const HOUR_MS = 3600_000;

export async function fileRequest(ctx: AppContext, settings: RequestSettings, f: Filing, filer: Filer): Promise<StoredRequest> {
  const place = await placeRequest(ctx, f);
  return ctx.db.write((trx, touch) => fileWithin(ctx, { trx, touch }, settings, f, filer, place));
}

/** The filing inside a larger write (a visit's follow-up made a request), at a place already found. */
export async function fileWithin(ctx: AppContext, within: Within, settings: RequestSettings, f: Filing, filer: Filer, place: Place | null): Promise<StoredRequest> {
  const { region } = ctx;
  const { trx, touch } = within;
  const now = nowOf(ctx);
  const at = (hours: number) => new Date(now.getTime() + hours * HOUR_MS).toISOString();
  const deadlines = settings.deadlines[f.category];
  const actor = filer.username ?? 'resident';
  let id = '';
  for (let inserted = false; !inserted; ) {
    id = newTicket();
    const rows = await trx('requests')
      .insert({
        region,
        id,
        category: f.category,
        channel: f.channel,
        status: place ? 'assigned' : 'received',
        text: f.text,
        address: f.address ?? place?.address ?? null,
        location: place ? trx.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', place.location) : null,
        building_id: place?.buildingId ?? null,
        area_id: place?.areaId ?? null,
        community_id: place?.communityId ?? null,
        town_id: place?.townId ?? null,
        requester_name: f.name ?? null,
        requester_phone: f.phone ?? null,
        consent: f.consent ?? false,
        filed_by: filer.username,
        created_at: now.toISOString(),
        respond_by: at(deadlines.respond),
        close_by: at(deadlines.close),
        town_by: at(deadlines.town),
        updated_at: now.toISOString(),
        updated_by: actor,
      })
      .onConflict(['region', 'id'])
      .ignore()
      .returning('id');
    inserted = rows.length > 0;
  }
  touch('requests', { region, id });
  await appendEntry(within, region, id, { at: now, event: 'filed', status: 'received', public: true, actor, version: 1, detail: { channel: f.channel } });
  if (place) {
    await appendEntry(within, region, id, { at: now, event: 'assign', status: 'assigned', public: true, actor: 'system', version: 1, detail: { areaId: place.areaId, routed: true } });
  }
  await audit(
    ctx,
    {
      action: 'request_file', actorId: filer.id, actor: filer.username, objectType: 'request', objectId: id, versionAfter: 1,
      detail: { category: f.category, channel: f.channel, areaId: place?.areaId ?? null, phone: f.phone !== undefined },
    },
    within,
  );
  return (await findRequest(trx, region, id))!;
}
