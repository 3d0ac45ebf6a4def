// The embedded database's files damaged while the server was down, one way at a time: a table's
// file truncated or deleted, a garbage page in `buildings`, its primary-key index zeroed. Each
// must be found when the server opens the database and rebuilt from the snapshot plus the
// journal: the same figures as before, and a write acknowledged only through the journal still
// there. With no snapshot to rebuild from, the server refuses to start and says why.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/features/auth/cookies';
import { runServer } from '../support/spawn-server';
import { cloneDatabase } from '../support/test-database';

/** The server on `dataDir`, until it listens or exits. */
const run = (dataDir: string) => runServer({ databaseUrl: undefined, dataDir });

const stats = async (url: string) => (await fetch(`${url}/api/stats`)).json();

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-staff', password: 'gridmap-staff' }),
  });
  expect(res.status).toBe(200);
  return new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(res.headers.get('set-cookie') ?? '')![1]!;
}

const signedIn = async (url: string, token: string) => (await fetch(`${url}/api/auth/me`, { headers: { cookie: `${SESSION_COOKIE}=${token}` } })).status === 200;

const snapshots = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'journal')).filter((n) => /^snapshot-\d+\.pack$/.test(n));

/** Where a relation's first file is, read from a throwaway copy (opening writes to the directory). */
async function relationFiles(dataDir: string, relations: Record<string, string>): Promise<Record<string, string>> {
  const copy = `${dataDir}-peek`;
  fs.cpSync(dataDir, copy, { recursive: true, filter: (src) => !src.includes(`${path.sep}journal`) && !src.endsWith('gridmap.lock') });
  const pglite = await PGlite.create({ dataDir: copy });
  try {
    const files: Record<string, string> = {};
    for (const [name, sql] of Object.entries(relations)) {
      const { rows } = await pglite.query<{ file: string }>(`SELECT pg_relation_filepath(${sql}) AS file`);
      files[name] = path.join(dataDir, rows[0]!.file);
    }
    return files;
  } finally {
    await pglite.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

describe.runIf(inject('database').kind === 'pglite')('damage to the embedded database found at open', () => {
  let clone: Awaited<ReturnType<typeof cloneDatabase>>;
  let base: string;
  let before: unknown;
  let token: string;
  let files: Record<string, string>;
  const copies: string[] = [];

  /** A copy of the database as the killed server left it, for one kind of damage. */
  const copy = () => {
    const dir = `${base}-${copies.length}`;
    fs.cpSync(base, dir, { recursive: true });
    copies.push(dir);
    return dir;
  };
  const moved = (file: string, dir: string) => path.join(dir, path.relative(base, file));

  beforeAll(async () => {
    clone = await cloneDatabase(inject('database'));
    base = clone.config.dataDir;
    const server = await run(base);
    expect(server.url, server.output()).toBeDefined();
    before = await stats(server.url!);
    // Acknowledged through the journal only: the server is killed before any snapshot holds it.
    token = await login(server.url!);
    await server.kill('SIGKILL');
    files = await relationFiles(base, {
      areas: `'contracted_areas'`,
      buildings: `'buildings'`,
      buildingsKey: `(SELECT indexrelid FROM pg_index WHERE indrelid = 'buildings'::regclass AND indisprimary)`,
    });
  }, 300_000);
  afterAll(async () => {
    for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
    await clone?.drop();
  });

  const damages: Array<[string, (dir: string) => void]> = [
    ['a truncated table file (contracted_areas)', (dir) => fs.truncateSync(moved(files.areas!, dir), Math.floor(fs.statSync(files.areas!).size / 20 / 8192) * 8192)],
    ['a deleted table file (contracted_areas)', (dir) => fs.rmSync(moved(files.areas!, dir))],
    [
      'a garbage page in buildings',
      (dir) => {
        const fd = fs.openSync(moved(files.buildings!, dir), 'r+');
        fs.writeSync(fd, Buffer.alloc(8192, 0xa7), 0, 8192, 2 * 8192);
        fs.closeSync(fd);
      },
    ],
    ['a zeroed primary-key index (buildings)', (dir) => fs.writeFileSync(moved(files.buildingsKey!, dir), Buffer.alloc(fs.statSync(files.buildingsKey!).size))],
  ];

  for (const [what, damage] of damages) {
    it(`finds ${what}, rebuilds from the snapshot and the journal, and loses nothing`, { timeout: 300_000 }, async () => {
      const dir = copy();
      const kept = snapshots(dir);
      expect(kept.length).toBeGreaterThan(0);
      damage(dir);
      const server = await run(dir);
      try {
        expect(server.url, server.output()).toBeDefined();
        expect(server.output()).toMatch(/journal: the database was damaged \(.+\); moved it to .*damaged-/);
        expect(await stats(server.url!)).toEqual(before);
        expect(await signedIn(server.url!, token)).toBe(true);
      } finally {
        expect(await server.kill('SIGTERM')).toBe(0);
      }
      // The rebuilt database passed the check, so its snapshot replaced the one it came from.
      expect(snapshots(dir).length).toBeGreaterThan(0);
      const again = await run(dir);
      try {
        expect(again.output()).not.toMatch(/damaged/);
        expect(await stats(again.url!)).toEqual(before);
      } finally {
        await again.kill('SIGTERM');
      }
    });
  }

  it('refuses to start, in Chinese first, when a damaged database has no snapshot', { timeout: 300_000 }, async () => {
    const dir = copy();
    for (const name of snapshots(dir)) fs.rmSync(path.join(dir, 'journal', name));
    fs.truncateSync(moved(files.areas!, dir), 8192);
    const server = await run(dir);
    if (server.url) await server.kill('SIGKILL');
    expect(server.url, 'it started on a damaged database').toBeUndefined();
    expect(await server.exited).toBe(1);
    const lines = server.output().trim().split('\n');
    expect(lines.at(-2)).toMatch(/^数据目录 .* 中的内置数据库已损坏（.+），且没有可用于重建的快照，服务拒绝启动/);
    expect(lines.at(-1)).toMatch(/is damaged .* and there is no snapshot to rebuild it from/);
    expect(server.output()).not.toMatch(/\n\s+at /);
  });
});
