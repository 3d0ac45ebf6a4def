import type { Server } from 'node:http';
import { createApp } from './app';
import { readAuditRetentionDays, readConfig } from './config';
import { openDatabase } from './db/database';
import { DataDirInUseError } from './db/lock';
import { prepareDatabase } from './db/prepare';
import { startAuditRetention } from './features/audit/retention';

const config = readConfig();
const log = (line: string) => console.log(`[gridmap] ${line}`);

const db = await openDatabase(config).catch((err: unknown) => {
  // A second instance is an operator's slip, not a crash: one line, no stack.
  if (!(err instanceof DataDirInUseError)) throw err;
  console.error(`[gridmap] ${err.message}`);
  process.exit(1);
});
log(`database: ${db.kind === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`}`);
await prepareDatabase(db, config.region, log);

const ctx = { db, region: config.region };
const retention = startAuditRetention(ctx, readAuditRetentionDays(), log);
const app = createApp(ctx, { distDir: config.distDir });
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
  await retention.stop();
  await db.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
