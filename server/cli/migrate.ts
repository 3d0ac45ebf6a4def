// `npm run migrate`: brings the schema up to date.
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { runCli } from './run';

await runCli('usage: npm run migrate', async () => {
  parseArgs({ options: {} });
  const db = await openDatabase(readConfig());
  try {
    const ran = await migrateToLatest(db.knex);
    console.log(ran.length ? `migrated: ${ran.join(', ')}` : 'schema is up to date');
    if (ran.length) await db.checkpoint();
  } finally {
    await db.close();
  }
});
