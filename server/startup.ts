import { DEMO_CITY_OPTIONS, generateCity, generateYear } from '../data/generator';
import { lookupMemory } from './features/lookup/index-keeper';
import { createDemoUsers } from './features/users/demo';
import type { Database } from './db/database';
import { migrateToLatest } from './db/migrate';
import { loadCity, regionIsEmpty } from './db/seed';
import { loadYear } from './db/seed-year';

/**
 * Migrates, and loads the demo city (with its demo accounts and a year of residents' requests and
 * leads' visits ending now) into an empty region when `demo`, so a first start shows a city at
 * work; another city's region starts empty, for its own import.
 */
export async function prepareDatabase(db: Database, region: string, log: (line: string) => void = () => {}, demo = true): Promise<void> {
  const ran = await migrateToLatest(db.knex);
  if (ran.length) log(`migrated: ${ran.join(', ')}`);
  const loaded = demo && (await regionIsEmpty(db.knex, region));
  if (loaded) {
    const started = Date.now();
    log('empty database: loading the demo city …');
    const city = generateCity(DEMO_CITY_OPTIONS);
    await loadCity(db.knex, { ...city, region });
    await loadYear(db.knex, region, generateYear(city, { seed: DEMO_CITY_OPTIONS.seed, endsAt: Date.now() }));
    await createDemoUsers({ db, region }, city.towns[0]!.id);
    log(`demo city loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  if (!demo && (await regionIsEmpty(db.knex, region))) log(`region ${region} has no data yet: an admin imports it (数据导入, or npm run import -- --dir FOLDER)`);
  // Migrations and the demo city bypass the journal: a rebuild must start from a snapshot that has them.
  if (ran.length || loaded) await db.checkpoint();
  // The look-up's index is derived from the city: built now, the first look-up does not wait for it.
  await lookupMemory({ db, region });
}
