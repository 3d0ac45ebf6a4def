// Keeps `address_keys` and `place_keys` in step with the buildings, estates and communities it is derived from.
// Buildings and estates change only by seeding or restore, communities by renames through the
// safe-write path; all of them move the signature (counts, versions, last change), which is
// compared at most every few seconds, and a stale region is rebuilt in one transaction.
import type { Knex } from 'knex';
import { canonicalAddress } from '../../analysis/address/normalise';
import { parseAddress } from '../../analysis/address/parse';
import { spoken } from '../../analysis/address/pinyin';
import type { AppContext } from '../../context';

/** How long a checked signature is trusted before it is read again. */
const RECHECK_MS = 5000;
const CHUNK = 5000;

export interface SearchKeys {
  /** Canonical names that prefix every address and weigh nothing: province, city, towns. */
  prefixes: string[];
}

interface Checked {
  at: number;
  keys: Promise<SearchKeys>;
}
const checked = new WeakMap<object, Map<string, Checked>>();

/** The region's search keys, rebuilt first when stale. Concurrent callers share one check. */
export function searchKeys(ctx: AppContext): Promise<SearchKeys> {
  let byRegion = checked.get(ctx.db);
  if (!byRegion) checked.set(ctx.db, (byRegion = new Map()));
  const last = byRegion.get(ctx.region);
  if (last && Date.now() - last.at < RECHECK_MS) return last.keys;
  const keys = refresh(ctx).catch((error: unknown) => {
    byRegion.delete(ctx.region);
    throw error;
  });
  byRegion.set(ctx.region, { at: Date.now(), keys });
  return keys;
}

async function signature(k: Knex, region: string): Promise<string> {
  const { rows } = await k.raw(
    `SELECT concat_ws(':',
       (SELECT count(*) FROM buildings WHERE region = :region),
       (SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM estates WHERE region = :region),
       (SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM communities WHERE region = :region),
       (SELECT concat(count(*), '/', sum(version), '/', max(updated_at)) FROM towns WHERE region = :region)) AS s`,
    { region },
  );
  return rows[0].s as string;
}

async function prefixesOf(k: Knex, region: string): Promise<string[]> {
  const towns: Array<{ name: string }> = await k('towns').where({ region }).select('name');
  const sample: { address: string; town: string } | undefined = await k('buildings as b')
    .join('contracted_areas as a', (j) => j.on('a.region', 'b.region').andOn('a.id', 'b.area_id'))
    .join('communities as c', (j) => j.on('c.region', 'a.region').andOn('c.id', 'a.community_id'))
    .join('towns as t', (j) => j.on('t.region', 'c.region').andOn('t.id', 'c.town_id'))
    .where('b.region', region)
    .first('b.address', 't.name as town');
  // The register writes 江苏省滨江市<town>…: what precedes the town is the province and city.
  const head = sample ? canonicalAddress(sample.address.slice(0, Math.max(0, sample.address.indexOf(sample.town)))) : '';
  const split = /^(.+?省)?(.+?市)?$/u.exec(head);
  const names = [split?.[1], split?.[2]].filter((p): p is string => !!p);
  // Residents also write them without 省/市.
  const bare = names.map((p) => p.slice(0, -1));
  return [...names, ...bare, head, ...towns.map((t) => canonicalAddress(t.name))].filter((p) => p.length >= 2);
}

async function refresh({ db, region }: AppContext): Promise<SearchKeys> {
  const k = db.knex;
  const prefixes = await prefixesOf(k, region);
  const current = await signature(k, region);
  const stored = await k('address_keys_state').where({ region }).first('signature');
  if (stored?.signature === current) return { prefixes };

  await k.transaction(async (trx) => {
    // Two processes on one PostgreSQL may notice the same staleness: one rebuilds at a time.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`address_keys:${region}`]);
    const again = await trx('address_keys_state').where({ region }).first('signature');
    if (again?.signature === current) return;
    const { rows } = await trx.raw(
      `SELECT b.id, b.address, b.estate_id, e.name AS estate, c.name AS community, c.id AS community_id
       FROM buildings b
       JOIN estates e ON e.region = b.region AND e.id = b.estate_id
       JOIN communities c ON c.region = e.region AND c.id = e.community_id
       WHERE b.region = :region
       ORDER BY b.id`,
      { region },
    );
    const buildings: object[] = [];
    const places = new Map<string, { estate_id: string; community_id: string; words: Set<string> }>();
    for (const r of rows as Array<Record<string, string>>) {
      const parts = parseAddress(r.address!, prefixes);
      const estate = canonicalAddress(r.estate!);
      const community = canonicalAddress(r.community!);
      buildings.push({ building_id: r.id, estate_id: r.estate_id, place: parts.place, estate, number: parts.building });
      let place = places.get(r.estate_id!);
      if (!place) {
        // Today's names too, in case the community was renamed after its addresses were written.
        place = { estate_id: r.estate_id!, community_id: r.community_id!, words: new Set([community + estate, estate, community]) };
        places.set(r.estate_id!, place);
      }
      place.words.add(parts.place);
    }
    await trx('address_keys').where({ region }).delete();
    await trx('place_keys').where({ region }).delete();
    await insertJson(
      trx,
      `INSERT INTO address_keys (region, building_id, estate_id, place, estate, number)
       SELECT :region, building_id, estate_id, place, estate, number
       FROM jsonb_to_recordset(:rows::jsonb) AS x(building_id text, estate_id text, place text, estate text, number integer)`,
      region,
      buildings,
    );
    await insertJson(
      trx,
      `INSERT INTO place_keys (region, estate_id, community_id, names, names_pinyin, initials)
       SELECT :region, estate_id, community_id, names, names_pinyin, initials
       FROM jsonb_to_recordset(:rows::jsonb)
         AS x(estate_id text, community_id text, names text, names_pinyin text, initials text)`,
      region,
      [...places.values()].map(({ words, ...p }) => ({
        ...p,
        names: [...words].join(' '),
        names_pinyin: [...words].map((w) => spoken(w).full).join(' '),
        initials: [...words].map((w) => spoken(w).initials).join(' '),
      })),
    );
    await trx.raw(
      `INSERT INTO address_keys_state (region, signature) VALUES (?, ?)
       ON CONFLICT (region) DO UPDATE SET signature = excluded.signature`,
      [region, current],
    );
  });
  // Fresh statistics, or the planner scans every key instead of using the trigram indexes.
  await k.raw('ANALYZE address_keys');
  await k.raw('ANALYZE place_keys');
  return { prefixes };
}

async function insertJson(trx: Knex.Transaction, sql: string, region: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx.raw(sql, { region, rows: JSON.stringify(rows.slice(i, i + CHUNK)) });
  }
}
