import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';

const db = await openDatabase(readConfig());
const ran = await migrateToLatest(db.knex);
console.log(ran.length ? `migrated: ${ran.join(', ')}` : 'schema is up to date');
if (ran.length) await db.checkpoint();
await db.close();
