// Keeps the look-up's in-memory index (server/analysis/address/place-index.ts) in step with the
// database. The one place that hears of writes: the database handle's write, writeBulk and
// checkpoint are wrapped once, so every feature's write is seen where it ends, not by a call in
// each feature. A write that touched only buildings (registers, plans, groups, scenarios, history
// restores: `touch` names each) reloads those buildings; one that touched estates, communities,
// towns or old village names, a bulk write (an import's commit or undo) or a checkpoint (seeding,
// a restore from backup) builds the region's index anew. The next look-up waits for that, so no
// answer is stale after a save. Another process writing the same PostgreSQL is noticed by a
// signature of the sources, read in the background at most every RECHECK_MS.
import type { Knex } from 'knex';
import { PlaceIndex, type BuildingSource } from '../../analysis/address/place-index';
import type { AppContext } from '../../context';
import type { Database } from '../../db/database';
import { onPrimary } from '../../db/read-route';
import type { Touch } from '../../db/write';

/** How often a PostgreSQL process compares the sources' signature (other processes' writes). */
const RECHECK_MS = 10_000;
/** Tables whose change means a new index; buildings are reloaded one by one. */
const REBUILT_BY = new Set(['estates', 'communities', 'towns', 'address_aliases']);

interface Held {
  ready: Promise<PlaceIndex>;
  /** Everything must be read again. */
  whole: boolean;
  /** Buildings written since the index was last brought up to date. */
  buildings: Set<string>;
  checkedAt: number;
  signature: string | null;
}

/** The index is every reader's: it is read from the primary, never from a replica that may lag. */
const primaryOf = (ctx: AppContext): Knex => onPrimary(() => ctx.db.knex);

const held = new WeakMap<Database, Map<string, Held>>();
const watched = new WeakSet<Database>();

/** The region's index, up to date with every write this process has finished. */
export function lookupIndex(ctx: AppContext): Promise<PlaceIndex> {
  watch(ctx.db);
  let byRegion = held.get(ctx.db);
  if (!byRegion) held.set(ctx.db, (byRegion = new Map()));
  let h = byRegion.get(ctx.region);
  if (!h) {
    h = { ready: build(primaryOf(ctx), ctx.region), whole: false, buildings: new Set(), checkedAt: Date.now(), signature: null };
    byRegion.set(ctx.region, h);
  } else if (h.whole) {
    h.whole = false;
    h.buildings.clear();
    h.signature = null;
    h.ready = build(primaryOf(ctx), ctx.region);
  } else if (h.buildings.size > 0) {
    const ids = [...h.buildings];
    h.buildings.clear();
    h.signature = null;
    const knex = primaryOf(ctx);
    h.ready = h.ready.then((index) => reload(knex, ctx.region, index, ids));
  } else if (ctx.db.kind === 'postgres' && Date.now() - h.checkedAt > RECHECK_MS) {
    recheck(ctx, h);
  }
  const mine = h;
  // A failed build is not kept: the next look-up tries again.
  return mine.ready.catch((error: unknown) => {
    if (byRegion.get(ctx.region) === mine) byRegion.delete(ctx.region);
    throw error;
  });
}

/** Wraps the handle's writes once, so each finished write tells the index what it changed. */
function watch(db: Database): void {
  if (watched.has(db)) return;
  watched.add(db);
  const { write, writeBulk, checkpoint } = db;
  db.write = async <T>(fn: (trx: Knex.Transaction, touch: Touch) => Promise<T>): Promise<T> => {
    const touched: Array<[string, Record<string, string | number>]> = [];
    const result = await write.call<Database, [typeof fn], Promise<T>>(db, (trx, touch) => {
      const noting: Touch = (table, key) => {
        touched.push([table, key]);
        touch(table, key);
      };
      return fn(trx, noting);
    });
    noteWrite(db, touched);
    return result;
  };
  db.writeBulk = async <T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> => {
    try {
      return await writeBulk.call<Database, [typeof fn], Promise<T>>(db, fn);
    } finally {
      noteWrite(db, 'all');
    }
  };
  db.checkpoint = async () => {
    noteWrite(db, 'all');
    await checkpoint.call(db);
  };
}

function noteWrite(db: Database, touched: Array<[string, Record<string, string | number>]> | 'all'): void {
  for (const [region, h] of held.get(db) ?? []) {
    if (touched === 'all') {
      h.whole = true;
      continue;
    }
    for (const [table, key] of touched) {
      if (key.region !== undefined && key.region !== region) continue;
      if (REBUILT_BY.has(table)) h.whole = true;
      else if (table === 'buildings') h.buildings.add(String(key.id));
    }
  }
}

/** Reads another process's writes: when the sources' signature moved, the next look-up builds anew. */
function recheck(ctx: AppContext, h: Held): void {
  h.checkedAt = Date.now();
  signature(primaryOf(ctx), ctx.region).then(
    (s) => {
      if (h.signature !== null && s !== h.signature) h.whole = true;
      h.signature = s;
    },
    (error: unknown) => console.warn(`[gridmap] look-up index check failed: ${(error as Error).message}`),
  );
}

async function signature(k: Knex, region: string): Promise<string> {
  const { rows } = await k.raw(
    `SELECT concat_ws(':',
       (SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM buildings WHERE region = :region),
       (SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM estates WHERE region = :region),
       (SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM communities WHERE region = :region),
       (SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM towns WHERE region = :region),
       (SELECT count(*) FROM address_aliases WHERE region = :region)) AS s`,
    { region },
  );
  return rows[0].s as string;
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
