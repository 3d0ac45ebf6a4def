// Pairings (结对共建) as the coverage map draws them: one arc a pairing, from where the paired
// organisation sits to the community it is paired with, and how many pairings each community
// has, by kind. Read-only.
import type { AppContext } from '../../context';
import { notFound } from '../../http/errors';
import { PAIRING_KINDS, type PairingKind } from './schema';

type LngLat = [number, number];

export interface PairingArc {
  id: number;
  orgName: string;
  orgKind: PairingKind;
  community: { id: string; name: string; townId: string };
  /** The paired community: a point on its surface. */
  to: LngLat;
  /** Where the organisation sits; null for a pairing entered without a place (no arc is drawn). */
  from: LngLat | null;
  /** The community holding `from`, if any. */
  source: { id: string; name: string } | null;
}

export interface PairedCommunity {
  id: string;
  name: string;
  townId: string;
  location: LngLat;
  total: number;
  byKind: Record<PairingKind, number>;
}

export interface Pairings {
  kinds: PairingKind[];
  town: string | null;
  arcs: PairingArc[];
  /** Most pairings first. */
  communities: PairedCommunity[];
  totals: Record<PairingKind, number>;
}

interface Row {
  id: number;
  org_name: string;
  org_kind: PairingKind;
  community_id: string;
  community_name: string;
  town_id: string;
  to_lng: number;
  to_lat: number;
  from_lng: number | null;
  from_lat: number | null;
  source_id: string | null;
  source_name: string | null;
}

const noneByKind = () => Object.fromEntries(PAIRING_KINDS.map((k) => [k, 0])) as Record<PairingKind, number>;

export async function listPairings({ db, region }: AppContext, asked: PairingKind[], town?: string): Promise<Pairings> {
  const kinds = PAIRING_KINDS.filter((k) => asked.includes(k));
  if (town && !(await db.knex('towns').where({ region, id: town }).first('id'))) throw notFound('town', town);
  const { rows } = (await db.knex.raw(
    `WITH paired AS (
       SELECT c.id, c.name, c.town_id, ST_PointOnSurface(c.geom) AS pt
         FROM communities c
        WHERE c.region = ? AND c.id IN (SELECT community_id FROM pairings WHERE region = ?) ${town ? 'AND c.town_id = ?' : ''}
     )
     SELECT p.id, p.org_name, p.org_kind, c.id AS community_id, c.name AS community_name, c.town_id,
            ST_X(c.pt) AS to_lng, ST_Y(c.pt) AS to_lat,
            ST_X(p.source_geom) AS from_lng, ST_Y(p.source_geom) AS from_lat,
            s.id AS source_id, s.name AS source_name
       FROM pairings p
       JOIN paired c ON c.id = p.community_id
       LEFT JOIN LATERAL (
         SELECT s.id, s.name FROM communities s
          WHERE s.region = p.region AND p.source_geom IS NOT NULL AND ST_Covers(s.geom, p.source_geom)
          ORDER BY s.id LIMIT 1
       ) s ON true
      WHERE p.region = ? AND p.org_kind IN (${kinds.map(() => '?').join(', ')})
      ORDER BY p.id`,
    [region, region, ...(town ? [town] : []), region, ...kinds],
  )) as { rows: Row[] };

  const arcs = rows.map(
    (r): PairingArc => ({
      id: Number(r.id),
      orgName: r.org_name,
      orgKind: r.org_kind,
      community: { id: r.community_id, name: r.community_name, townId: r.town_id },
      to: [Number(r.to_lng), Number(r.to_lat)],
      from: r.from_lng === null || r.from_lat === null ? null : [Number(r.from_lng), Number(r.from_lat)],
      source: r.source_id === null ? null : { id: r.source_id, name: String(r.source_name) },
    }),
  );
  return { kinds, town: town ?? null, arcs, communities: countByCommunity(arcs), totals: countByKind(arcs) };
}

function countByKind(arcs: PairingArc[]): Record<PairingKind, number> {
  const totals = noneByKind();
  for (const a of arcs) totals[a.orgKind]++;
  return totals;
}

function countByCommunity(arcs: PairingArc[]): PairedCommunity[] {
  const byId = new Map<string, PairedCommunity>();
  for (const a of arcs) {
    let c = byId.get(a.community.id);
    if (!c) byId.set(a.community.id, (c = { ...a.community, location: a.to, total: 0, byKind: noneByKind() }));
    c.total++;
    c.byKind[a.orgKind]++;
  }
  return [...byId.values()].sort((a, b) => b.total - a.total || a.id.localeCompare(b.id));
}
