// PostgreSQL going away must cost answers, not the process: 503 while it is gone, and the
// same process serving again once it is back, with nobody restarting anything.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startServer, type RunningServer } from '../support/server';
import { adminQuery } from '../support/test-database';

const source = inject('database');

describe.runIf(source.kind === 'postgres')('PostgreSQL outage', () => {
  let server: RunningServer;
  let name: string;
  const admin = (sql: string) => adminQuery((source as { adminUrl: string }).adminUrl, sql);
  const cutOff = async () => {
    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}' AND pid <> pg_backend_pid()`);
  };

  beforeAll(async () => {
    server = await startServer({ GRIDMAP_DB_CONNECT_TIMEOUT_MS: '1000' });
    name = new URL(server.database.databaseUrl!).pathname.slice(1);
  });
  afterAll(async () => {
    if (name) await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await server?.stop();
  });

  it('answers 503 while the database is gone and recovers by itself', async () => {
    // Warm the pool so there are idle connections to lose.
    await Promise.all(Array.from({ length: 5 }, () => fetch(`${server.url}/api/stats`)));
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);

    await cutOff();
    for (const path of ['/api/stats', '/api/layers/towns', '/api/stats']) {
      const res = await fetch(server.url + path);
      expect(res.status, `${path}, the server said:\n${server.output().slice(-3000)}`).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'database_unavailable', errorEn: 'the database cannot be reached right now: try again shortly' });
    }
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(503);
    expect((await health.json()).status).toBe('unavailable');
    expect(server.alive()).toBe(true);

    await admin(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    const deadline = Date.now() + 5000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await fetch(`${server.url}/api/stats`)).status;
      if (status === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
    expect(server.alive()).toBe(true);
  });
});
