// The printable service cards of one community: per contracted area, what the card shows
// (query.ts) plus what its little map is drawn from (the area's outline, its buildings' points).
// The card is handed to residents, so it carries the lead's work phone in full. Who may print it
// follows leadPhoneAccess: staff see the phone anyway; admins and in-town planners may reveal it,
// and printing cards is that deliberate look, so it is audited like a reveal; a planner of
// another town hears what an unknown id hears (404, audited as a probe). Leaders are refused
// by the route (403): a card with a masked phone is no card.
import type { MultiPolygon } from 'geojson';
import { parseAddress } from '../../analysis/address/parse';
import type { AppContext } from '../../context';
import { leadPhoneAccess } from '../../domain/jurisdiction';
import { audit } from '../audit/service';
import { refuseOutsideTowns } from '../auth/guard';
import type { AuthUser } from '../auth/service';
import { coveredEstates, type Covered, type CoveredBuilding } from './covers';
import { cardsOfCommunity, type CardCentre } from './query';

export interface ServiceCard {
  area: { id: string; name: string; nameEn: string };
  lead: { name: string; phone: string };
  centre: CardCentre | null;
  /** The area's outline and its buildings' points, for the card's map. */
  outline: MultiPolygon;
  buildings: Array<[number, number]>;
  /** The estates and buildings the card covers (港洲新城 1-12幢、15幢; 殷巷村四组). */
  covers: Covered[];
}

export interface CommunityCards {
  community: { id: string; name: string; nameEn: string };
  town: { name: string; nameEn: string };
  /** Where the QR codes point (GRIDMAP_PUBLIC_URL); null: the page's own origin. */
  publicUrl: string | null;
  cards: ServiceCard[];
}

export async function communityCards(ctx: AppContext, communityId: string, viewer: AuthUser, publicUrl?: string): Promise<CommunityCards> {
  const { db, region } = ctx;
  const k = db.knex;
  const community = await k('communities as c')
    .join('towns as t', function () {
      this.on('t.region', 'c.region').andOn('t.id', 'c.town_id');
    })
    .where({ 'c.region': region, 'c.id': communityId })
    .first('c.name', 'c.name_en', 'c.town_id', 't.name as town_name', 't.name_en as town_name_en');
  await refuseOutsideTowns(ctx, viewer, 'community', communityId, community && [community.town_id as string], 'leadPhone');
  const access = leadPhoneAccess(viewer, community.town_id);
  const who = { actorId: viewer.id, actor: viewer.username, objectType: 'community', objectId: communityId };

  const rows = await cardsOfCommunity(ctx, communityId);
  const { rows: outlines } = await k.raw(
    'SELECT id, ST_AsGeoJSON(geom, 6) AS outline FROM contracted_areas WHERE region = :region AND community_id = :communityId',
    { region, communityId },
  );
  const { rows: points } = await k.raw(
    `SELECT b.area_id, ST_X(b.geom) AS lng, ST_Y(b.geom) AS lat, b.address, e.name AS estate, e.concentrated,
            count(*) OVER (PARTITION BY b.estate_id) AS estate_size
     FROM buildings b
     JOIN contracted_areas a ON a.region = b.region AND a.id = b.area_id
     JOIN estates e ON e.region = b.region AND e.id = b.estate_id
     WHERE b.region = :region AND a.community_id = :communityId ORDER BY b.id`,
    { region, communityId },
  );
  const outlineOf = new Map((outlines as Array<{ id: string; outline: string }>).map((o) => [o.id, JSON.parse(o.outline) as MultiPolygon]));
  const buildingsOf = new Map<string, Array<[number, number]>>();
  const coveredOf = new Map<string, CoveredBuilding[]>();
  type Point = { area_id: string; lng: number; lat: number; address: string; estate: string; concentrated: boolean; estate_size: number | string };
  for (const p of points as Point[]) {
    const list = buildingsOf.get(p.area_id) ?? [];
    list.push([Number(p.lng), Number(p.lat)]);
    buildingsOf.set(p.area_id, list);
    const covered = coveredOf.get(p.area_id) ?? [];
    covered.push({ estate: p.estate, concentrated: p.concentrated, estateSize: Number(p.estate_size), number: parseAddress(p.address).building });
    coveredOf.set(p.area_id, covered);
  }

  if (access === 'revealable') {
    await audit(ctx, { action: 'reveal', ...who, detail: { field: 'lead_phone', purpose: 'service_cards', areas: rows.length, role: viewer.role } });
  }
  return {
    community: { id: communityId, name: community.name, nameEn: community.name_en },
    town: { name: community.town_name, nameEn: community.town_name_en },
    publicUrl: publicUrl ?? null,
    cards: rows.map((r) => ({
      area: r.area,
      lead: r.lead,
      centre: r.centre,
      outline: outlineOf.get(r.area.id)!,
      buildings: buildingsOf.get(r.area.id) ?? [],
      covers: coveredEstates(coveredOf.get(r.area.id) ?? []),
    })),
  };
}
