// What a service card (分片服务卡) shows, read for a set of contracted areas in one query: the
// area, its community and town, the lead, and the service centre a resident should go to.
// Shared by the staff's printable cards and the public resident page, which shape it differently.
import type { AppContext } from '../../context';
import type { CentreKind } from '../../domain/kinds';

export interface CardCentre {
  name: string;
  kind: CentreKind;
  hours: string;
  location: [number, number];
  /** From the area's representative point (inside the area) to the centre. */
  distanceM: number;
}

export interface CardRow {
  area: { id: string; name: string; nameEn: string };
  community: { id: string; name: string; nameEn: string; townId: string };
  town: { name: string; nameEn: string };
  lead: { name: string; phone: string };
  /** A point inside the area: where distances are measured from. */
  anchor: [number, number];
  centre: CardCentre | null;
}

/**
 * The card's centre is the area's own community's service hall when it has one (a resident is
 * served by their community), else the nearest hall of any community. Labour-security stations
 * are not halls. Nearest by planar distance for the choice, metres on the spheroid for the card.
 */
const CARD_SQL = `
  SELECT a.id AS area_id, a.name AS area_name, a.name_en AS area_name_en, a.lead_name, a.lead_phone,
         c.id AS community_id, c.name AS community_name, c.name_en AS community_name_en, c.town_id,
         tw.name AS town_name, tw.name_en AS town_name_en,
         ST_X(p.pt) AS anchor_lng, ST_Y(p.pt) AS anchor_lat,
         s.name AS centre_name, s.kind AS centre_kind, s.hours AS centre_hours,
         ST_X(s.geom) AS centre_lng, ST_Y(s.geom) AS centre_lat,
         ST_Distance(s.geom::geography, p.pt::geography) AS centre_m
  FROM contracted_areas a
  JOIN communities c ON c.region = a.region AND c.id = a.community_id
  JOIN towns tw ON tw.region = c.region AND tw.id = c.town_id
  CROSS JOIN LATERAL (SELECT ST_PointOnSurface(a.geom) AS pt) p
  LEFT JOIN LATERAL (
    SELECT sc.name, sc.kind, sc.hours, sc.geom FROM service_centres sc
    WHERE sc.region = a.region AND sc.kind <> 'labour'
    ORDER BY (sc.community_id = a.community_id) DESC, sc.geom <-> p.pt, sc.id
    LIMIT 1
  ) s ON true
  WHERE a.region = :region`;

type Raw = Record<string, string | number | null>;

function toCard(r: Raw): CardRow {
  const text = (key: string) => String(r[key]);
  return {
    area: { id: text('area_id'), name: text('area_name'), nameEn: text('area_name_en') },
    community: { id: text('community_id'), name: text('community_name'), nameEn: text('community_name_en'), townId: text('town_id') },
    town: { name: text('town_name'), nameEn: text('town_name_en') },
    lead: { name: text('lead_name'), phone: text('lead_phone') },
    anchor: [Number(r.anchor_lng), Number(r.anchor_lat)],
    centre:
      r.centre_name === null
        ? null
        : {
            name: text('centre_name'),
            kind: text('centre_kind') as CardCentre['kind'],
            hours: text('centre_hours'),
            location: [Number(r.centre_lng), Number(r.centre_lat)],
            distanceM: Math.round(Number(r.centre_m)),
          },
  };
}

/** The cards of every area of one community, in id order. */
export async function cardsOfCommunity({ db, region }: AppContext, communityId: string): Promise<CardRow[]> {
  const { rows } = await db.knex.raw(`${CARD_SQL} AND a.community_id = :communityId ORDER BY a.id`, { region, communityId });
  return (rows as Raw[]).map(toCard);
}

/** The cards of the given areas (unknown ids are left out), in the order asked. */
export async function cardsOfAreas({ db, region }: AppContext, areaIds: string[]): Promise<CardRow[]> {
  if (!areaIds.length) return [];
  // As one JSON text: knex's handling of array bindings differs between its pg and PGlite paths.
  const { rows } = await db.knex.raw(`${CARD_SQL} AND a.id IN (SELECT jsonb_array_elements_text(CAST(:areaIds AS jsonb)))`, {
    region,
    areaIds: JSON.stringify(areaIds),
  });
  const byId = new Map((rows as Raw[]).map((r) => [String(r.area_id), toCard(r)]));
  return areaIds.flatMap((id) => byId.get(id) ?? []);
}
