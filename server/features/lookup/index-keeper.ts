// Keeps the look-up's memory in step with the database: the search index
// (server/analysis/address/place-index.ts) and the grid it answers from (server/analysis/grid-places.ts),
// from what each write changed (server/db/changes.ts: this process's writes as they end, the other
// processes' as a request hears of them). A write that touched only buildings (registers, plans,
// groups, scenarios, history restores) reloads those buildings; one that touched areas, groups or
// centres reads the grid's frame again; estates, communities, towns or old village names, or
// anything at all (an import's commit or undo, seeding, a restore), build the region's memory anew.
// The next look-up waits for that, so no answer is stale after a save.
import type { Knex } from 'knex';
import { PlaceIndex } from '../../analysis/address/place-index';
import { GridPlaces, type GridBuilding, type GridFrame } from '../../analysis/grid-places';
import type { AppContext } from '../../context';
import { onChange, type Change } from '../../db/changes';
import type { Database } from '../../db/database';
import { onPrimary } from '../../db/read-route';

/** Tables whose change means a new index; buildings are reloaded one by one. */
const REBUILT_BY = new Set(['estates', 'communities', 'towns', 'address_aliases']);
/** Tables of the grid's frame, read again whole when one changes. */
const FRAME = new Set(['contracted_areas', 'party_groups', 'service_centres']);
/** Buildings read per statement when reloading. */
const RELOAD_CHUNK = 1000;

/** What the look-up answers from, without SQL. */
export interface LookupMemory {
  places: PlaceIndex;
  grid: GridPlaces;
}

interface Held {
  ready: Promise<LookupMemory>;
  /** Everything must be read again. */
  whole: boolean;
  /** The grid's frame must be read again. */
  frame: boolean;
  /** Buildings written since the memory was last brought up to date. */
  buildings: Set<string>;
}

/** The memory is every reader's: it is read from the primary, never from a replica that may lag. */
const primaryOf = (ctx: AppContext): Knex => onPrimary(() => ctx.db.knex);

const held = new WeakMap<Database, Map<string, Held>>();
const heard = new WeakSet<Database>();

/** The region's look-up memory, up to date with every write this process has heard of. */
export function lookupMemory(ctx: AppContext): Promise<LookupMemory> {
  if (!heard.has(ctx.db)) {
    heard.add(ctx.db);
    onChange(ctx.db, (change) => noteChange(ctx.db, change));
  }
  let byRegion = held.get(ctx.db);
  if (!byRegion) held.set(ctx.db, (byRegion = new Map()));
  let h = byRegion.get(ctx.region);
  const knex = primaryOf(ctx);
  if (!h || h.whole) {
    h = { ready: build(knex, ctx.region), whole: false, frame: false, buildings: new Set() };
    byRegion.set(ctx.region, h);
  } else {
    if (h.frame) {
      h.frame = false;
      h.ready = h.ready.then(async (memory) => (memory.grid.setFrame(await readFrame(knex, ctx.region)), memory));
    }
    if (h.buildings.size > 0) {
      const ids = [...h.buildings];
      h.buildings.clear();
      h.ready = h.ready.then((memory) => reload(knex, ctx.region, memory, ids));
    }
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
    if (change.tables.some((t) => FRAME.has(t))) h.frame = true;
    for (const id of change.buildings) h.buildings.add(id);
  }
}

type BuildingRow = GridBuilding & { estateId: string };

const buildingColumns = (k: Knex) => ['id', 'address', 'estate_id as estateId', 'area_id as areaId', 'group_id as groupId', k.raw('ST_X(geom) AS lng'), k.raw('ST_Y(geom) AS lat')];

async function readFrame(k: Knex, region: string): Promise<GridFrame> {
  const [towns, communities, areas, groups, centres] = await Promise.all([
    k('towns').where({ region }).select('id', 'name'),
    k('communities').where({ region }).select('id', 'name', 'town_id as townId'),
    k('contracted_areas').where({ region }).select('id', 'name', 'community_id as communityId', 'lead_name as leadName', 'lead_phone as leadPhone', k.raw('ST_AsGeoJSON(geom) AS outline')),
    k('party_groups').where({ region }).select('id', 'name'),
    k('service_centres').where({ region }).select('id', 'name', 'kind', 'hours', k.raw('ST_X(geom) AS lng'), k.raw('ST_Y(geom) AS lat')),
  ]);
  return {
    towns,
    communities,
    areas: areas.map((a: Record<string, string>) => ({ ...a, outline: JSON.parse(a.outline!).coordinates })),
    groups,
    centres: centres.map((c: Record<string, string>) => ({ ...c, lng: Number(c.lng), lat: Number(c.lat) })),
  } as GridFrame;
}

const asBuilding = (r: Record<string, unknown>): BuildingRow => ({ ...(r as unknown as BuildingRow), lng: Number(r.lng), lat: Number(r.lat) });

async function build(k: Knex, region: string): Promise<LookupMemory> {
  const [frame, estates, aliases, rows] = await Promise.all([
    readFrame(k, region),
    k('estates').where({ region }).select('id', 'name', 'community_id as communityId'),
    k('address_aliases').where({ region }).orderBy('id').select('alias', 'community_id as communityId'),
    k('buildings').where({ region }).orderBy('id').select(buildingColumns(k)),
  ]);
  const buildings = (rows as Array<Record<string, unknown>>).map(asBuilding);
  return {
    places: new PlaceIndex({ towns: frame.towns, communities: frame.communities, estates, aliases, buildings }),
    grid: new GridPlaces(frame, buildings),
  };
}

/** The written buildings read again: moved or changed ones put anew, removed ones taken out. */
async function reload(k: Knex, region: string, memory: LookupMemory, ids: string[]): Promise<LookupMemory> {
  const rows: BuildingRow[] = [];
  for (let i = 0; i < ids.length; i += RELOAD_CHUNK) {
    rows.push(...((await k('buildings').where({ region }).whereIn('id', ids.slice(i, i + RELOAD_CHUNK)).select(buildingColumns(k))) as Array<Record<string, unknown>>).map(asBuilding));
  }
  const present = new Set(rows.map((r) => r.id));
  for (const id of ids) {
    if (present.has(id)) continue;
    memory.places.removeBuilding(id);
    memory.grid.removeBuilding(id);
  }
  for (const r of rows) {
    // A building of an estate the index does not know (written in the same breath as its estate): build anew.
    if (!memory.places.putBuilding(r)) return build(k, region);
    memory.grid.putBuilding(r);
  }
  return memory;
}
