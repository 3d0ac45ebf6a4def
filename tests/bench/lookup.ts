// Look-up figures: latency and throughput of GET /api/lookup and /api/lookup/point at 1, 8 and 32
// clients next to a bare node:http server answering a constant (the ratio), the in-memory ranking
// alone, the index's build time and memory, the time from a save to the next search answering it,
// a 10,000-row batch, and the share of the fixed query set (tests/support/lookup-queries.ts)
// answered right. Run on the demo city and on a million-address city made by copying the demo city.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import express from 'express';
import type { Knex } from 'knex';
import { createApp } from '../../server/app';
import type { AppContext } from '../../server/context';
import { openDatabase, type Database } from '../../server/db/database';
import { prepareDatabase } from '../../server/startup';
import { readGuardConfig } from '../../server/http/guard-config';
import { createUser } from '../../server/features/users/service';
import { lookupMemory } from '../../server/features/lookup/index-keeper';
import { lookupPoint, matchAddresses, searchAddresses } from '../../server/features/lookup/service';
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

/** A listening server's address, and how to stop it with its kept-alive sockets. */
export async function served(server: http.Server): Promise<{ base: string; close: () => Promise<void> }> {
  if (!server.listening) await new Promise((r) => server.once('listening', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
  };
}

/**
 * Express with one route answering the same constant: what the framework GridMap is built on
 * leaves of the bare server, before any middleware of ours (the ceiling of our ratio).
 */
function expressServer(): Promise<{ base: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/', (_req, res) => void res.json({ results: [] }));
  return served(app.listen(0, '127.0.0.1'));
}

/** A bare node:http server answering a constant: what the machine gives any server at all. */
function bareServer(): Promise<{ base: string; close: () => Promise<void> }> {
  const body = JSON.stringify({ results: [] });
  return served(http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(body);
  }).listen(0, '127.0.0.1'));
}

export async function benchLookup(label: string, ctx: AppContext, base: string, built?: { ms: number; heapMb: number }): Promise<void> {
  const k = ctx.db.knex;
  const buildings = await count(k, ctx.region);
  const [indexMs, index] = await timedMs(() => lookupMemory(ctx));
  // About 21 buildings' variants (as on the demo city), however large the city: the set stays minutes.
  const cases = await lookupCases(k, ctx.region, Math.max(800, Math.round(buildings / 21)));
  const cookie = await staffCookie(ctx, base);

  let right = 0;
  const byKind = new Map<string, [number, number]>();
  for (const c of cases) {
    const results = await searchAddresses(ctx, c.q, 10);
    const ok = isExpected(c, results[0], results);
    right += ok ? 1 : 0;
    const [r, n] = byKind.get(c.kind) ?? [0, 0];
    byKind.set(c.kind, [r + (ok ? 1 : 0), n + 1]);
  }
  console.log(`\n## ${label}: look-up (${buildings} buildings)`);
  if (built) console.log(`index built in ${(built.ms / 1000).toFixed(1)} s, heap retained +${built.heapMb.toFixed(0)} MB (${((built.heapMb * 1e6) / buildings).toFixed(0)} MB per million addresses)`);
  else console.log(`index ready in ${indexMs.toFixed(0)} ms`);
  console.log(`fixed query set: best result right (and as sure as expected) for ${right} of ${cases.length} (${((100 * right) / cases.length).toFixed(1)} %)`);
  const missed = [...byKind].filter(([, [r, n]]) => r < n).map(([kind, [r, n]]) => `${kind} ${r}/${n}`);
  if (missed.length) console.log(`  not all right: ${missed.join('; ')}`);

  const query = cycle(cases.map((c: LookupCase) => c.q));
  const rank = await runDirect(async () => index.places.rank(query(), 10), 1, SECONDS);
  const direct = await runDirect(() => searchAddresses(ctx, query(), 10), 1, SECONDS);
  console.log(`in-memory ranking alone p50 ${rank.p50.toFixed(2)} ms p99 ${rank.p99.toFixed(2)} ms; searchAddresses() (ranking + the answers, in memory) p50 ${direct.p50.toFixed(2)} ms p99 ${direct.p99.toFixed(2)} ms`);

  const points = (await k('buildings').where({ region: ctx.region }).orderByRaw('md5(id)').limit(500)
    .select(k.raw('ST_X(geom) AS lng'), k.raw('ST_Y(geom) AS lat'))) as Array<{ lng: number; lat: number }>;
  const point = cycle(points);
  const bare = await bareServer();
  const framework = await expressServer();
  try {
    console.log(`GET /api/lookup and /api/lookup/point vs a bare node:http server answering a constant, ${SECONDS} s a row (latency ms);`);
    console.log('"express" is Express with one route answering that constant, as a ratio to bare: the ceiling for ours');
    console.log('clients | bare req/s  express | search req/s   p50      p99  ratio | point req/s   p50      p99  ratio');
    for (const clients of CLIENTS) {
      const constant = await runLoad(bare.base, { name: 'bare', step: async (c) => void (await c.send('GET', '/', {})) }, { concurrency: clients, seconds: SECONDS });
      const oneRoute = await runLoad(framework.base, { name: 'express', step: async (c) => void (await c.send('GET', '/', {})) }, { concurrency: clients, seconds: SECONDS });
      const search = await runLoad(base, {
        name: 'lookup',
        step: async (c) => void (await c.send('GET', `/api/lookup?q=${encodeURIComponent(query())}`, { cookie })),
      }, { concurrency: clients, seconds: SECONDS });
      const at = await runLoad(base, {
        name: 'point',
        step: async (c) => {
          const p = point();
          await c.send('GET', `/api/lookup/point?lng=${p.lng}&lat=${p.lat}`, { cookie });
        },
      }, { concurrency: clients, seconds: SECONDS });
      const bareRate = constant.requests / constant.seconds;
      const sRate = search.requests / search.seconds;
      const pRate = at.requests / at.seconds;
      console.log(
        `${String(clients).padStart(7)} | ${fmt(bareRate)} ${(oneRoute.requests / oneRoute.seconds / bareRate).toFixed(3).padStart(8)} | ${fmt(sRate)} ${fmt(search.p50)} ${fmt(search.p99)} ${(sRate / bareRate).toFixed(3).padStart(6)} | ${fmt(pRate)} ${fmt(at.p50)} ${fmt(at.p99)} ${(pRate / bareRate).toFixed(3).padStart(6)}${search.errors || at.errors ? `  (${search.errors + at.errors} HTTP errors)` : ''}`,
      );
    }
  } finally {
    await bare.close();
    await framework.close();
  }
  const directPoint = await runDirect(async () => {
    const p = point();
    return lookupPoint(ctx, Number(p.lng), Number(p.lat));
  }, 1, SECONDS);
  console.log(`lookupPoint() (in memory, no HTTP) p50 ${directPoint.p50.toFixed(2)} ms p99 ${directPoint.p99.toFixed(2)} ms`);

  await saveToIndex(ctx);

  // About 10,000 batch rows: the query set's variants of every step-th building (typos included).
  const rows = (await lookupCases(k, ctx.region, Math.max(1, Math.floor((buildings * 9) / 10_000))))
    .filter((c) => !('community' in c.expect) && !('town' in c.expect)).slice(0, 10_000);
  const [matchMs, matched] = await timedMs(() => matchAddresses(ctx, rows.map((c) => c.q)));
  const matchedRight = matched.filter((r, i) => isExpected(rows[i]!, r ?? undefined)).length;
  const exact = matched.filter((r) => r?.certainty === 'exact').length;
  console.log(`matchAddresses: ${rows.length} rows in ${(matchMs / 1000).toFixed(1)} s, ${matchedRight} right, ${exact} exact, ${matched.filter((r) => r && r.certainty === 'approximate').length} approximate, ${matched.filter((r) => !r).length} unmatched`);
}

/** A registers-like save (one building's address, through Database.write) and the time until the next search answers it. */
async function saveToIndex(ctx: AppContext): Promise<void> {
  const k = ctx.db.knex;
  const b = await k('buildings').where({ region: ctx.region }).whereLike('address', '%幢').orderByRaw('md5(id)').first('id', 'address');
  const moved = String(b.address).replace(/\d+幢$/u, '977幢');
  const figures: number[] = [];
  for (const address of [moved, String(b.address), moved, String(b.address), moved]) {
    await ctx.db.write(async (trx, touch) => {
      await trx('buildings').where({ region: ctx.region, id: b.id }).update({ address });
      touch('buildings', { region: ctx.region, id: b.id });
    });
    const [ms, found] = await timedMs(() => searchAddresses(ctx, address, 1));
    if (found[0]?.building?.id !== b.id || found[0]?.certainty !== 'exact') throw new Error(`the index missed a save: ${address}`);
    figures.push(ms);
  }
  figures.sort((x, y) => x - y);
  console.log(`a save → the next search answering it (index update + search): median ${figures[2]!.toFixed(1)} ms of ${figures.length}`);
}

/**
 * The heap in use after a full collection: without one, what the build read and dropped (a
 * million rows) counted as the index's own (1,336 MB measured for 993 MB retained).
 */
function heapAfterCollection(): number {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed;
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
  const heapBefore = heapAfterCollection();
  const [buildMs] = await timedMs(() => lookupMemory(ctx));
  const built = { ms: buildMs, heapMb: (heapAfterCollection() - heapBefore) / 1e6 };
  console.log(`\n## ${label}: ${buildings} addresses (${copies} copies of the demo city) made in ${(copyMs / 1000).toFixed(0)} s`);
  const guard = { ...readGuardConfig(), rateLimits: { loginPerIp: 0, loginPerUser: 0, publicPerIp: 0 } };
  const server = await served(createApp(ctx, { guard }).listen(0, '127.0.0.1'));
  try {
    await benchLookup(`${label}, ${buildings} addresses`, ctx, server.base, built);
  } finally {
    await server.close();
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
