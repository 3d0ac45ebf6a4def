// `npm run backup -- --out file`: the whole database into one file (see server/db/backup.ts).
// The embedded database is single-process: stop the server first, or the lock refuses.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../config';
import { openDatabase } from '../db/database';
import { writeBackup } from '../db/backup';
import { CliFault, runCli } from './run';

const USAGE = 'usage: npm run backup -- --out <file>';

await runCli(USAGE, async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } });
  if (!values.out) throw new CliFault({ code: 'cli_missing_option', params: { option: '--out' } }, true);
  const file = path.resolve(values.out);
  const config = readConfig();
  const db = await openDatabase(config);
  try {
    const started = Date.now();
    const counts = await writeBackup(db, file, config.region);
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);
    console.log(`backed up ${rows} rows of ${Object.keys(counts).length} tables to ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await db.close();
  }
});
