// Keeps the look-up's in-memory index (server/analysis/address/place-index.ts) in step with the
// database, from what each write changed (server/db/changes.ts: this process's writes as they
// end, the other processes' as a request hears of them). A write that touched only buildings
// (registers, plans, groups, scenarios, history restores) reloads those buildings; one that
// touched estates, communities, towns or old village names, or anything at all (an import's
// commit or undo, seeding, a restore), builds the region's index anew. The next look-up waits
// for that, so no answer is stale after a save.
import type { Knex } from 'knex';
import { PlaceIndex, type BuildingSource } from '../../analysis/address/place-index';
import type { AppContext } from '../../context';
import { onChange, type Change } from '../../db/changes';
import type { Database } from '../../db/database';
import { onPrimary } from '../../db/read-route';

/** Tables whose change means a new index; buildings are reloaded one by one. */
const REBUILT_BY = new Set(['estates', 'communities', 'towns', 'address_aliases']);

interface Held {
  ready: Promise<PlaceIndex>;
  /** Everything must be read again. */
  whole: boolean;
  /** Buildings written since the index was last brought up to date. */
  buildings: Set<string>;
}

/** The index is every reader's: it is read from the primary, never from a replica that may lag. */
const primaryOf = (ctx: AppContext): Knex => onPrimary(() => ctx.db.knex);

const held = new WeakMap<Database, Map<string, Held>>();
const heard = new WeakSet<Database>();

/** The region's index, up to date with every write this process has finished. */
export function lookupIndex(ctx: AppContext): Promise<PlaceIndex> {
  if (!heard.has(ctx.db)) {
    heard.add(ctx.db);
    onChange(ctx.db, (change) => noteChange(ctx.db, change));
  }
  let byRegion = held.get(ctx.db);
  if (!byRegion) held.set(ctx.db, (byRegion = new Map()));
  let h = byRegion.get(ctx.region);
  if (!h) {
    h = { ready: build(primaryOf(ctx), ctx.region), whole: false, buildings: new Set() };
    byRegion.set(ctx.region, h);
  } else if (h.whole) {
    h.whole = false;
    h.buildings.clear();
    h.ready = build(primaryOf(ctx), ctx.region);
  } else if (h.buildings.size > 0) {
    const ids = [...h.buildings];
    h.buildings.clear();
    const knex = primaryOf(ctx);
    h.ready = h.ready.then((index) => reload(knex, ctx.region, index, ids));
  }
  const mine = h;
  // A failed build is not kept: the next look-up tries again.
  return mine.ready.catch((error: unknown) => {
    if (byRegion.get(ctx.region) === mine) byRegion.delete(ctx.region);
    throw error;
  });
}

function noteChange(db: Database, change: Change): void {
  for (const [region, h] of held.get(db) ?? []) {
    if (change.region !== '*' && change.region !== region) continue;
    if (change.everything || change.tables.some((t) => REBUILT_BY.has(t))) h.whole = true;
    else for (const id of change.buildings) h.buildings.add(id);
  }
}

async function build(k: Knex, region: string): Promise<PlaceIndex> {
  const [towns, communities, estates, aliases, buildings] = await Promise.all([
    k('towns').where({ region }).select('id', 'name'),
    k('communities').where({ region }).select('id', 'name', 'town_id as townId'),
    k('estates').where({ region }).select('id', 'name', 'community_id as communityId'),
    k('address_aliases').where({ region }).orderBy('id').select('alias', 'community_id as communityId'),
    k('buildings').where({ region }).orderBy('id').select('id', 'address', 'estate_id as estateId'),
  ]);
  return new PlaceIndex({ towns, communities, estates, aliases, buildings: buildings as BuildingSource[] });
}

/** The written buildings read again: moved or changed ones put anew, removed ones taken out. */
async function reload(k: Knex, region: string, index: PlaceIndex, ids: string[]): Promise<PlaceIndex> {
  const rows: BuildingSource[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(...(await k('buildings').where({ region }).whereIn('id', ids.slice(i, i + 1000)).select('id', 'address', 'estate_id as estateId')));
  }
  const present = new Set(rows.map((r) => r.id));
  for (const id of ids) if (!present.has(id)) index.removeBuilding(id);
  // A building of an estate the index does not know (written in the same breath as its estate): build anew.
  for (const r of rows) if (!index.putBuilding(r)) return build(k, region);
  return index;
}
