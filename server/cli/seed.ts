// `npm run seed [-- --scale N --seed S]`: replaces the configured region with a generated city.
import { parseArgs } from 'node:util';
import { DEMO_CITY_OPTIONS, generateCity } from '../../data/generator';
import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { deleteRegion, loadCity } from '../db/seed';

const { values } = parseArgs({ options: { scale: { type: 'string' }, seed: { type: 'string' } } });
const scale = Number(values.scale ?? DEMO_CITY_OPTIONS.scale);
const seed = Number(values.seed ?? DEMO_CITY_OPTIONS.seed);
if (!(scale > 0) || !Number.isInteger(seed)) throw new Error('--scale must be > 0 and --seed an integer');

const config = readConfig();
const db = await openDatabase(config);
await migrateToLatest(db.knex);
const started = Date.now();
const city = generateCity({ scale, seed });
console.log(`generated ${city.buildings.length} buildings in ${Date.now() - started} ms`);
await deleteRegion(db.knex, config.region);
await loadCity(db.knex, { ...city, region: config.region });
console.log(`seeded region ${config.region} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
await db.checkpoint();
await db.close();
