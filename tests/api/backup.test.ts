// A backup restored over changed data gives back every table exactly; a damaged or foreign
// file is refused and changes nothing. Runs on PGlite and on PostgreSQL alike.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { restoreBackup, writeBackup } from '../../server/db/backup';
import { openDatabase, type Database } from '../../server/db/database';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

let clone: Awaited<ReturnType<typeof cloneDatabase>>;
let db: Database | undefined;
let dir: string;
let original: Record<string, string>;

/** Row count and an md5 of every row's text, per application table; not the journal's position nor the processes' change log, which a save moves on and a restore leaves. */
async function fingerprint(database: Database): Promise<Record<string, string>> {
  const { rows: tables } = await database.knex.raw<{ rows: Array<{ name: string }> }>(`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'
      AND table_name NOT IN ('knex_migrations', 'knex_migrations_lock', 'spatial_ref_sys', 'journal_state', 'data_clock', 'data_changes')
    ORDER BY table_name`);
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const { rows } = await database.knex.raw<{ rows: Array<{ n: number; sum: string }> }>(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS sum FROM ?? t`,
      [name],
    );
    result[name] = `${rows[0]!.n} ${rows[0]!.sum}`;
  }
  return result;
}

async function vandalise(database: Database) {
  const { knex } = database;
  await knex('buildings').whereIn('id', knex('buildings').select('id').orderBy('id').limit(50)).delete();
  // Through the write path, as a user's save: on PostgreSQL it moves the change counter on.
  await database.write(async (trx, touch) => {
    for (const { id } of await trx('towns').update({ name: 'renamed' }).returning('id')) touch('towns', { region: TEST_REGION, id });
  });
  await knex('address_aliases').whereIn('id', knex('address_aliases').select('id').orderBy('id').limit(5)).delete();
  await knex('pairings').insert({ region: TEST_REGION, org_name: 'extra', org_kind: 'agency', community_id: knex('communities').select('id').limit(1) });
}

const run = (script: string, args: string[]) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: projectRoot,
    env: { ...process.env, GRIDMAP_DATA_DIR: clone.config.dataDir, DATABASE_URL: clone.config.databaseUrl ?? '', GRIDMAP_REGION: TEST_REGION },
  });

const gzipLines = (lines: string[]) => zlib.gzipSync(lines.map((l) => `${l}\n`).join(''));

beforeAll(async () => {
  clone = await cloneDatabase(inject('database'));
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-backup-'));
});
afterAll(async () => {
  await db?.close();
  await clone?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('npm run backup writes the database to a file', async () => {
  const { stdout } = await run('server/cli/backup.ts', ['--out', path.join(dir, 'cli.jsonl.gz')]);
  expect(stdout).toMatch(/backed up \d+ rows of \d+ tables/);
  db = await openDatabase(clone.config);
  original = await fingerprint(db);
  expect(Object.keys(original)).toContain('buildings');
});

it('restores every table exactly after rows were changed, deleted and added', async () => {
  const file = path.join(dir, 'api.jsonl.gz');
  const counts = await writeBackup(db!, file, TEST_REGION);
  expect(counts.buildings).toBeGreaterThan(0);
  await vandalise(db!);
  expect(await fingerprint(db!)).not.toEqual(original);

  // As in a fresh database: the sequence behind the restored ids.
  await db!.knex.raw(`SELECT setval(pg_get_serial_sequence('address_aliases', 'id'), 1, false)`);

  // Summed over the cities: a restore's change is everyone's (region '*').
  const clock = async () => Number((await db!.knex('data_clock').sum({ n: 'seq' }).first())?.n ?? 0);
  const clockBefore = await clock();
  await restoreBackup(db!, file);
  expect(await fingerprint(db!)).toEqual(original);
  // On PostgreSQL the restore is announced to the other processes under the next number, never an old one.
  if (db!.kind === 'postgres') expect(await clock()).toBe(clockBefore + 1);
  // Serial ids continue after the restored rows.
  const community = (await db!.knex('communities').first('id')) as { id: string };
  const [added] = await db!.knex('address_aliases').insert({ region: TEST_REGION, community_id: community.id, alias: 'new' }).returning('id');
  await db!.knex('address_aliases').where({ id: (added as { id: number }).id }).delete();
});

it('refuses a damaged, cut-off or foreign file and leaves the data as it was', async () => {
  const good = path.join(dir, 'api.jsonl.gz');
  const lines = zlib.gunzipSync(fs.readFileSync(good)).toString('utf8').trimEnd().split('\n');
  const header = JSON.parse(lines[0]!) as { h: { migrations: string[] } };
  const bad: Record<string, Buffer> = {
    'cut inside the gzip stream': fs.readFileSync(good).subarray(0, Math.floor(fs.statSync(good).size * 0.8)),
    'without its closing line': gzipLines(lines.slice(0, -1)),
    'with a row that is not JSON': gzipLines([...lines.slice(0, 3), '{"r":{broken', ...lines.slice(3)]),
    'with rows under the wrong table': gzipLines([...lines.slice(0, -1).filter((l) => !l.startsWith('{"t":"towns"')), lines.at(-1)!]),
    'from another schema': gzipLines([JSON.stringify({ h: { ...header.h, migrations: [...header.h.migrations, '999_future'] } }), ...lines.slice(1)]),
    'not a backup at all': gzipLines(['{"hello":1}']),
  };
  const messages: Record<string, string> = {};
  for (const [what, content] of Object.entries(bad)) {
    const file = path.join(dir, 'bad.jsonl.gz');
    fs.writeFileSync(file, content);
    messages[what] = await restoreBackup(db!, file).then(
      () => 'accepted',
      (err: Error) => err.message,
    );
    expect(messages[what], what).not.toBe('accepted');
    expect(await fingerprint(db!), what).toEqual(original);
  }
  expect(messages['from another schema']).toContain('999_future');
  expect(messages['without its closing line']).toContain('incomplete');
  expect(messages['not a backup at all']).toBe('not a GridMap backup file');
});

it('npm run restore brings back the file written by npm run backup', async () => {
  await vandalise(db!);
  if (db!.kind === 'pglite') {
    // The embedded database is ours while it is open: the command must refuse, not share it.
    const refused = await run('server/cli/restore.ts', ['--in', path.join(dir, 'cli.jsonl.gz')]).catch((err: { code: number; stderr: string }) => err);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain(`is in use by process ${process.pid}`);
  }
  await db!.close();
  db = undefined;
  const { stdout } = await run('server/cli/restore.ts', ['--in', path.join(dir, 'cli.jsonl.gz')]);
  expect(stdout).toMatch(/restored \d+ rows/);
  db = await openDatabase(clone.config);
  expect(await fingerprint(db)).toEqual(original);
});
