// `npm run restore -- --in file`: replaces every row of the database with a backup's, in one
// transaction. Migrates first, so an empty data directory or database can be restored into.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { restoreBackup } from '../db/backup';
import { migrateToLatest } from '../db/migrate';
import { CliFault, runCli } from './run';

const USAGE = 'usage: npm run restore -- --in <file>';

await runCli(USAGE, async () => {
  const { values } = parseArgs({ options: { in: { type: 'string' } } });
  if (!values.in) throw new CliFault({ code: 'cli_missing_option', params: { option: '--in' } }, true);
  const file = path.resolve(values.in);
  const db = await openDatabase(readConfig());
  try {
    await migrateToLatest(db.knex);
    const started = Date.now();
    const counts = await restoreBackup(db, file);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`restored ${rows} rows of ${Object.keys(counts).length} tables from ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
});
