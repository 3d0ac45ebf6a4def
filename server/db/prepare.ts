import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator';
import { searchKeys } from '../features/lookup/keys';
import { createDemoUsers } from '../features/users/demo';
import type { Database } from './database';
import { migrateToLatest } from './migrate';
import { loadCity, regionIsEmpty } from './seed';

/** Migrates, and loads the demo city (with its demo accounts) into an empty region, so a first start shows a city. */
export async function prepareDatabase(db: Database, region: string, log: (line: string) => void = () => {}): Promise<void> {
  const ran = await migrateToLatest(db.knex);
  if (ran.length) log(`migrated: ${ran.join(', ')}`);
  const loaded = await regionIsEmpty(db.knex, region);
  if (loaded) {
    const started = Date.now();
    log('empty database: loading the demo city …');
    const city = generateCity(DEMO_CITY_OPTIONS);
    await loadCity(db.knex, { ...city, region });
    await createDemoUsers({ db, region }, city.towns[0]!.id);
    log(`demo city loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // The look-up's search keys are derived from the city: built now, the first look-up does not wait for them.
  await searchKeys({ db, region });
  // Migrations, the demo city and the keys bypass the journal: a rebuild must start from a snapshot that has them.
  if (ran.length || loaded) await db.checkpoint();
}
