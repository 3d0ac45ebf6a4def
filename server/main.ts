import type { Server } from 'node:http';
import { createApp } from './app';
import { serveCities, sessionCookieOf } from './cities';
import { printFault } from './cli/run';
import { readAuditRetentionDays, readConfig, readDatabaseTimeouts, readPublicUrl, readSessionPolicy } from './config';
import { openDatabase } from './db/database';
import { prepareDatabase } from './startup';
import { startAuditRetention } from './features/audit/retention';
import { startRequestUpkeep } from './features/requests/upkeep';
import { readRequestSettings } from './features/requests/settings';
import { closeWorkerPool, workerPool } from './runtime/pool';
import { readRuntimeSettings } from './runtime/settings';

// A wrong setting or a second instance is an operator's slip, not a crash: two lines, no stack.
// Every setting is read before the database opens, so nothing is left open when one is wrong.
function refuseToStart(err: unknown): never {
  if (!printFault(err)) throw err;
  process.exit(1);
}
const settings = (() => {
  try {
    return { config: readConfig(), timeouts: readDatabaseTimeouts(), sessions: readSessionPolicy(), retentionDays: readAuditRetentionDays(), requests: readRequestSettings(), publicUrl: readPublicUrl(), runtime: readRuntimeSettings() };
  } catch (err) {
    return refuseToStart(err);
  }
})();
const { config } = settings;
const log = (line: string) => console.log(`[gridmap] ${line}`);

const db = await openDatabase(config, settings.timeouts).catch(refuseToStart);
log(`database: ${db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`);
for (const city of config.cities) await prepareDatabase(db, city.code, config.cities.length > 1 ? (line) => log(`${city.code}: ${line}`) : log, city.demo);

// Started now, so the first heavy request does not wait for its workers to load.
log(`workers: ${workerPool(settings.runtime).settings.workers}`);
const upkeeps: Array<{ stop(): Promise<void> }> = [];
const app = serveCities(config.cities, (city, choice) => {
  const ctx = { db, region: city.code };
  upkeeps.push(startAuditRetention(ctx, settings.retentionDays, log), startRequestUpkeep(ctx, settings.requests, log));
  const sessions = { ...settings.sessions, cookie: sessionCookieOf(config.cities, city.code) };
  return createApp(ctx, { distDir: config.distDir, sessions, requests: settings.requests, publicUrl: settings.publicUrl, cities: choice(city.code) });
});
if (config.cities.length > 1) log(`cities: ${config.cities.map((c) => c.name ? `${c.code} ${c.name}` : c.code).join(', ')}`);
const server: Server = app.listen(config.port, config.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  console.log(`GridMap listening on http://${config.host}:${port}`);
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log(`${signal}: closing`);
  server.close();
  server.closeAllConnections();
  for (const upkeep of upkeeps) await upkeep.stop();
  await closeWorkerPool();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
