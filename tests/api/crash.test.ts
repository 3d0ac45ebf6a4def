// kill -9 in the middle of writes: after every restart, each write the server acknowledged
// is there. Clients log in (a session row and an audit row, through db.write) and log out
// (a deletion) concurrently while the server is killed at a random moment. Some rounds also
// take away what only the page cache held (the database files put back as they were on disk
// when the round began) or garble the database so it cannot open: then the journal, and the
// snapshot plus the journal, must bring every acknowledged write back.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { SESSION_COOKIE } from '../../server/features/auth/cookies';
import { runServer, type ServerRun } from '../support/spawn-server';
import { cloneDatabase } from '../support/test-database';

const ROUNDS = 6;
const CLIENTS = 4;

/** The server on the clone's directory, writing snapshots often and without login limits. */
async function startServer(dataDir: string): Promise<ServerRun & { url: string }> {
  const run = await runServer(
    { databaseUrl: undefined, dataDir },
    {
      // Snapshots (and the journal's rotation) happen during the rounds, not only at start.
      GRIDMAP_JOURNAL_SNAPSHOT_EVERY: '20',
      // The writes are logins: on a quick machine a round makes more than the login limits allow
      // a minute, and a 429 would be counted as a refused write. Durability is measured here, not limits.
      GRIDMAP_RATE_LOGIN_PER_IP: '0',
      GRIDMAP_RATE_LOGIN_PER_USER: '0',
    },
  );
  if (!run.url) throw new Error(`server exited (${await run.exited}) before listening:\n${run.output()}`);
  return { ...run, url: run.url };
}

/** What the clients were told: sessions that exist, sessions that were ended; other answers by status. */
interface Acknowledged {
  present: Set<string>;
  absent: Set<string>;
  refused: Map<number, number>;
}

async function login(url: string, acked: Acknowledged): Promise<string | undefined> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-staff', password: 'gridmap-staff' }),
  });
  if (res.status !== 200) {
    acked.refused.set(res.status, (acked.refused.get(res.status) ?? 0) + 1);
    return undefined;
  }
  const cookie = res.headers.get('set-cookie') ?? '';
  return new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(cookie)?.[1];
}

const cookieOf = (token: string) => `${SESSION_COOKIE}=${token}`;

/** Logs in and out until the server goes away, recording only what was answered. */
async function client(url: string, acked: Acknowledged): Promise<void> {
  try {
    for (;;) {
      const token = await login(url, acked);
      if (!token) continue;
      acked.present.add(token);
      if (Math.random() < 0.4) {
        // From the moment the logout is sent, the session's fate is unknown until answered.
        acked.present.delete(token);
        const res = await fetch(`${url}/api/auth/logout`, { method: 'POST', headers: { cookie: cookieOf(token) } });
        if (res.status === 204) acked.absent.add(token);
      }
    }
  } catch {
    // The server was killed: the request in flight was never acknowledged.
  }
}

async function sessionExists(url: string, token: string): Promise<boolean> {
  const res = await fetch(`${url}/api/auth/me`, { headers: { cookie: cookieOf(token) } });
  if (res.status !== 200 && res.status !== 401) throw new Error(`/api/auth/me answered ${res.status}`);
  return res.status === 200;
}

/** The database's own files (not the journal, not the lock), as they are now. */
function copyDatabaseFiles(dataDir: string, to: string) {
  fs.rmSync(to, { recursive: true, force: true });
  fs.cpSync(dataDir, to, { recursive: true, filter: (src) => src === dataDir || !/^(journal|gridmap\.lock|damaged-)/.test(path.relative(dataDir, src)) });
}
function putBackDatabaseFiles(from: string, dataDir: string) {
  for (const name of fs.readdirSync(dataDir)) if (!/^(journal|gridmap\.lock|damaged-)/.test(name)) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  fs.cpSync(from, dataDir, { recursive: true });
}

type Mode = 'kill' | 'lose page cache' | 'garble database';
const MODES: Mode[] = ['kill', 'lose page cache', 'garble database'];

describe.runIf(inject('database').kind === 'pglite')('kill -9 during writes (PGlite; PostgreSQL makes commits durable itself)', () => {
  let clone: Awaited<ReturnType<typeof cloneDatabase>>;
  let server: (ServerRun & { url: string }) | undefined;
  let onDisk: string;

  beforeAll(async () => {
    clone = await cloneDatabase(inject('database'));
    onDisk = `${clone.config.dataDir}-on-disk`;
  });
  afterAll(async () => {
    await server?.kill('SIGKILL');
    await clone?.drop();
    fs.rmSync(onDisk, { recursive: true, force: true });
  });

  it(`keeps every acknowledged write over ${ROUNDS} kills`, { timeout: 300_000 }, async () => {
    const dataDir = clone.config.dataDir;
    const acked: Acknowledged = { present: new Set(), absent: new Set(), refused: new Map() };
    const log: string[] = [];
    let garbled = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const mode = MODES[round % MODES.length]!;
      if (mode === 'lose page cache') copyDatabaseFiles(dataDir, onDisk);
      server = await startServer(dataDir);
      const before = acked.present.size + acked.absent.size;
      let stopped = false;
      const clients = Promise.all(Array.from({ length: CLIENTS }, () => client(server!.url, acked))).then(() => (stopped = true));
      // Writes flowing first, then a random moment among them.
      while (acked.present.size + acked.absent.size === before && !acked.refused.size && !stopped) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 1500));
      await server.kill('SIGKILL');
      await clients;
      if (mode === 'lose page cache') putBackDatabaseFiles(onDisk, dataDir);
      if (mode === 'garble database') {
        fs.writeFileSync(path.join(dataDir, 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));
        garbled++;
      }
      log.push(`round ${round} (${mode}): ${acked.present.size} sessions acknowledged, ${acked.absent.size} ended, refused ${JSON.stringify([...acked.refused])}`);
    }

    server = await startServer(dataDir);
    const url = server.url;
    const missing: string[] = [];
    for (const token of acked.present) if (!(await sessionExists(url, token))) missing.push(token);
    const revived: string[] = [];
    for (const token of acked.absent) if (await sessionExists(url, token)) revived.push(token);
    expect(acked.refused.size, log.join('\n')).toBe(0);
    expect(acked.present.size, log.join('\n')).toBeGreaterThan(ROUNDS * 2);
    expect(missing, `acknowledged logins lost:\n${log.join('\n')}\n${server.output()}`).toEqual([]);
    expect(revived, 'acknowledged logouts undone').toEqual([]);
    // The garbled rounds were recovered from the snapshot, not by chance (a lost page cache
    // that left the database behind a newer snapshot is rebuilt the same way).
    expect(fs.readdirSync(dataDir).filter((n) => n.startsWith('damaged-')).length).toBeGreaterThanOrEqual(garbled);

    console.log(`[crash] ${log.at(-1)}; all present after ${ROUNDS} kills`);
    expect(await server.kill('SIGTERM')).toBe(0);
    server = undefined;
  });
});
