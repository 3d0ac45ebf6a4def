// Each town's outline's bounding box, sent with the figures: the page frames the town a leader
// picks under 范围 at once, without asking for the town's geometry.
import type { AppContext } from '../../context';

export type BBox = [number, number, number, number];

export async function townBoxes({ db, region }: AppContext, townId?: string): Promise<Map<string, BBox>> {
  const rows: Record<string, unknown>[] = await db
    .knex('towns')
    .where({ region, ...(townId ? { id: townId } : {}) })
    .select('id', db.knex.raw('ST_XMin(geom) AS w'), db.knex.raw('ST_YMin(geom) AS s'), db.knex.raw('ST_XMax(geom) AS e'), db.knex.raw('ST_YMax(geom) AS n'));
  return new Map(rows.map((r) => [String(r.id), [Number(r.w), Number(r.s), Number(r.e), Number(r.n)]]));
}
