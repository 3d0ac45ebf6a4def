import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator';
import type { Database } from './database';
import { migrateToLatest } from './migrate';
import { loadCity, regionIsEmpty } from './seed';

/** Migrates, and loads the demo city into an empty region, so a first start shows a city. */
export async function prepareDatabase(db: Database, region: string, log: (line: string) => void = () => {}): Promise<void> {
  const ran = await migrateToLatest(db.knex);
  if (ran.length) log(`migrated: ${ran.join(', ')}`);
  if (await regionIsEmpty(db.knex, region)) {
    const started = Date.now();
    log('empty database: loading the demo city …');
    await loadCity(db.knex, { ...generateCity(DEMO_CITY_OPTIONS), region });
    log(`demo city loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
