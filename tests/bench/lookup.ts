// Look-up figures: latency and throughput of GET /api/lookup at 1, 8 and 32 clients next to the
// same SQL called directly (no HTTP, no session, no JSON), point look-up next to a bare database
// round trip, and the share of the fixed query set (tests/support/lookup-queries.ts) answered
// right. Run on the demo city and on a million-address city made by copying the demo city.
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createApp } from '../../server/app';
import { parseAddress } from '../../server/analysis/address/parse';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { prepareDatabase } from '../../server/db/prepare';
import { readGuardConfig } from '../../server/http/guard-config';
import { createUser } from '../../server/features/users/service';
import { answersFor } from '../../server/features/lookup/answer';
import { searchKeys } from '../../server/features/lookup/keys';
import { lookupPoint, matchAddresses, rankBuildings, searchAddresses } from '../../server/features/lookup/service';
import { isExpected, lookupCases, type LookupCase } from '../support/lookup-queries';
import { runLoad } from './load';
import { makeMillionCity } from './million-city';

const CLIENTS = [1, 8, 32];
const SECONDS = 3;

const fmt = (x: number) => x.toFixed(1).padStart(8);
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** The same bounded loop as the HTTP load run, calling a function instead of the server. */
async function runDirect(step: () => Promise<unknown>, concurrency: number, seconds: number) {
  const latencies: number[] = [];
  const started = Date.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const t0 = process.hrtime.bigint();
        await step();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { requests: latencies.length, seconds: (Date.now() - started) / 1000, p50: percentile(latencies, 50), p99: percentile(latencies, 99) };
}

function cycle<T>(items: T[]): () => T {
  let i = 0;
  return () => items[i++ % items.length]!;
}

async function staffCookie(ctx: AppContext, base: string): Promise<string> {
  const username = `bench-staff-${ctx.region}-${Date.now()}`;
  const password = 'bench-staff-password';
  await createUser(ctx, { username, role: 'staff', password });
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

export async function benchLookup(label: string, ctx: AppContext, base: string): Promise<void> {
  const k = ctx.db.knex;
  const [keysMs] = await timedMs(() => searchKeys(ctx));
  // About 21 buildings' variants (as on the demo city), however large the city: the set stays minutes.
  const cases = await lookupCases(k, ctx.region, Math.max(800, Math.round((await count(k, ctx.region)) / 21)));
  const cookie = await staffCookie(ctx, base);

  let right = 0;
  const byKind = new Map<string, [number, number]>();
  for (const c of cases) {
    const ok = isExpected(c, (await searchAddresses(ctx, c.q, 1))[0]);
    right += ok ? 1 : 0;
    const [r, n] = byKind.get(c.kind) ?? [0, 0];
    byKind.set(c.kind, [r + (ok ? 1 : 0), n + 1]);
  }
  console.log(`\n## ${label}: look-up (${await count(k, ctx.region)} buildings; search keys ready in ${keysMs.toFixed(0)} ms)`);
  console.log(`fixed query set: best result right for ${right} of ${cases.length} (${((100 * right) / cases.length).toFixed(1)} %)`);
  const missed = [...byKind].filter(([, [r, n]]) => r < n).map(([kind, [r, n]]) => `${kind} ${r}/${n}`);
  if (missed.length) console.log(`  not all right: ${missed.join('; ')}`);

  const query = cycle(cases.map((c: LookupCase) => c.q));
  const { prefixes } = await searchKeys(ctx);
  const parsed = cycle(cases.map((c) => parseAddress(c.q, prefixes)));
  console.log(`GET /api/lookup vs the same SQL called directly, ${SECONDS} s a row (latency ms)`);
  console.log('clients     HTTP req/s   p50      p99 |  SQL req/s   p50      p99 | ratio p50');
  for (const clients of CLIENTS) {
    const http = await runLoad(base, {
      name: 'lookup',
      step: async (c) => {
        await c.send('GET', `/api/lookup?q=${encodeURIComponent(query())}`, { cookie });
      },
    }, { concurrency: clients, seconds: SECONDS });
    const sql = await runDirect(async () => answersFor(k, ctx.region, await rankBuildings(k, ctx.region, parsed(), 10)), clients, SECONDS);
    console.log(
      `${String(clients).padStart(7)} ${fmt(http.requests / http.seconds)} ${fmt(http.p50)} ${fmt(http.p99)} | ${fmt(sql.requests / sql.seconds)} ${fmt(sql.p50)} ${fmt(sql.p99)} | ${fmt(http.p50 / sql.p50)}${http.errors ? `  (${http.errors} HTTP errors)` : ''}`,
    );
  }

  // About 10,000 batch rows: the query set's variants of every step-th building (typos included).
  const buildings = await count(k, ctx.region);
  const rows = (await lookupCases(k, ctx.region, Math.max(1, Math.floor((buildings * 9) / 10_000))))
    .filter((c) => !('community' in c.expect)).slice(0, 10_000);
  const [matchMs, matched] = await timedMs(() => matchAddresses(ctx, rows.map((c) => c.q)));
  const matchedRight = matched.filter((r, i) => isExpected(rows[i]!, r ?? undefined)).length;
  console.log(`matchAddresses: ${rows.length} rows in ${(matchMs / 1000).toFixed(1)} s, ${matchedRight} right, ${matched.filter((r) => !r).length} unmatched`);

  const points = (await k('buildings').where({ region: ctx.region }).orderByRaw('md5(id)').limit(500)
    .select(k.raw('ST_X(geom) AS lng'), k.raw('ST_Y(geom) AS lat'))) as Array<{ lng: number; lat: number }>;
  const point = cycle(points);
  const httpPoint = await runLoad(base, {
    name: 'point',
    step: async (c) => {
      const p = point();
      await c.send('GET', `/api/lookup/point?lng=${p.lng}&lat=${p.lat}`, { cookie });
    },
  }, { concurrency: 1, seconds: SECONDS });
  const directPoint = await runDirect(async () => {
    const p = point();
    return lookupPoint(ctx, Number(p.lng), Number(p.lat));
  }, 1, SECONDS);
  const roundTrip = await runDirect(() => k.raw('SELECT 1'), 1, SECONDS);
  console.log('point look-up, one client (latency ms)        p50      p99');
  console.log(`GET /api/lookup/point                     ${fmt(httpPoint.p50)} ${fmt(httpPoint.p99)}`);
  console.log(`lookupPoint() (its SQL, no HTTP)          ${fmt(directPoint.p50)} ${fmt(directPoint.p99)}`);
  console.log(`SELECT 1 (a bare database round trip)     ${fmt(roundTrip.p50)} ${fmt(roundTrip.p99)}   point SQL / round trip ${(directPoint.p50 / roundTrip.p50).toFixed(1)}`);
}

async function timedMs<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = process.hrtime.bigint();
  const value = await fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, value];
}

async function count(k: Knex, region: string): Promise<number> {
  return Number((await k('buildings').where({ region }).count<{ count: string }[]>('* as count'))[0]!.count);
}

/** The look-up figures for a city of about a million addresses, copied from the demo city (see million-city.ts). */
export async function benchLookupMillion(label: string, db: Database, from: string, copies: number): Promise<void> {
  if (copies <= 0) return;
  const region = `${from}-x${copies}`;
  const [copyMs, buildings] = await timedMs(() => makeMillionCity(db.knex, from, region, copies));
  const ctx: AppContext = { db, region };
  const [keysMs] = await timedMs(() => searchKeys(ctx));
  console.log(`\n## ${label}: ${buildings} addresses (${copies} copies of the demo city) made in ${(copyMs / 1000).toFixed(0)} s, search keys built in ${(keysMs / 1000).toFixed(0)} s`);
  const guard = { ...readGuardConfig(), rateLimits: { loginPerIp: 0, loginPerUser: 0, publicPerIp: 0 } };
  const server = createApp(ctx, { guard }).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    await benchLookup(`${label}, ${buildings} addresses`, ctx, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/** The large city on a fresh embedded database: the demo city loaded, then copied. */
export async function benchLookupMillionOnPglite(region: string, copies: number): Promise<void> {
  if (copies <= 0) return;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-bench-lookup-'));
  try {
    const db = await openDatabase({ databaseUrl: undefined, dataDir });
    await prepareDatabase(db, region);
    await benchLookupMillion('PGlite', db, region, copies);
    await db.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
