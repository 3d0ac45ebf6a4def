// `npm run seed [-- --scale N --seed S]`: replaces the configured region with a generated city and
// its year of residents' requests and leads' visits, ending now.
import { parseArgs } from 'node:util';
import { DEMO_CITY_OPTIONS, generateCity, generateYear } from '../../data/generator';
import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { deleteRegion, loadCity } from '../db/seed';
import { loadYear } from '../db/seed-year';
import { CliFault, runCli } from './run';

await runCli('usage: npm run seed [-- --scale N --seed S]', async () => {
  const { values } = parseArgs({ options: { scale: { type: 'string' }, seed: { type: 'string' } } });
  const scale = Number(values.scale ?? DEMO_CITY_OPTIONS.scale);
  const seed = Number(values.seed ?? DEMO_CITY_OPTIONS.seed);
  if (!(scale > 0) || !Number.isInteger(seed)) throw new CliFault({ code: 'cli_bad_seed_options', params: { scale: String(values.scale), seed: String(values.seed) } }, true);

  const config = readConfig();
  const db = await openDatabase(config);
  try {
    await migrateToLatest(db.knex);
    const started = Date.now();
    const city = generateCity({ scale, seed });
    console.log(`generated ${city.buildings.length} buildings in ${Date.now() - started} ms`);
    await deleteRegion(db.knex, config.region);
    await loadCity(db.knex, { ...city, region: config.region });
    await loadYear(db.knex, config.region, generateYear(city, { seed, endsAt: Date.now() }));
    console.log(`seeded region ${config.region} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    await db.checkpoint();
  } finally {
    await db.close();
  }
});
