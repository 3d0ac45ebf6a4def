// Running one bench file on its own (`npx tsx tests/bench/<file>.ts`): a freshly seeded demo city
// on PGlite, then on PostgreSQL when GRIDMAP_BENCH_PG_URL or the local server answers.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../../server/context';
import { openDatabase } from '../../server/db/database';
import { prepareDatabase } from '../../server/startup';
import { adminQuery, withDatabase } from '../support/test-database';

export async function onEachDatabase(name: string, region: string, bench: (label: string, ctx: AppContext) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gridmap-bench-${name}-`));
  try {
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    await prepareDatabase(db, region);
    await bench('PGlite', { db, region });
    await db.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const adminUrl = process.env.GRIDMAP_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const database = `gridmap_bench_${name}_${process.pid}`;
  try {
    await adminQuery(adminUrl, `CREATE DATABASE ${database}`);
  } catch (err) {
    console.log(`\n## PostgreSQL: skipped (${(err as Error).message})`);
    return;
  }
  try {
    const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, database), dataDir: '' });
    await prepareDatabase(db, region);
    await bench('PostgreSQL', { db, region });
    await db.close();
  } finally {
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  }
}
