// Runtime configuration from the environment (names fixed by docs/api-contract.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL + PostGIS server; undefined selects the embedded PGlite database. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The city (region code) this process serves; one database may hold several. */
  region: string;
  distDir: string;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.GRIDMAP_DATA_DIR ?? path.join(projectRoot, '.data', 'pglite')),
    region: env.GRIDMAP_REGION ?? DEMO_REGION,
    distDir: path.join(projectRoot, 'dist'),
  };
}

export const DEMO_REGION = '321289';

/** How long a session lasts: idle (since its last request) and absolute (since login). */
export function readSessionPolicy(env: NodeJS.ProcessEnv = process.env): { idleMs: number; maxMs: number } {
  const hours = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0)) throw new Error(`${name} must be a positive number, got "${env[name]}"`);
    return value * 3600_000;
  };
  return { idleMs: hours('GRIDMAP_SESSION_IDLE_HOURS', 12), maxMs: hours('GRIDMAP_SESSION_MAX_HOURS', 7 * 24) };
}

/** Days the audit log keeps a row (`GRIDMAP_AUDIT_RETENTION_DAYS`, default 180). */
export function readAuditRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.GRIDMAP_AUDIT_RETENTION_DAYS ?? 180);
  if (!(days > 0)) throw new Error(`GRIDMAP_AUDIT_RETENTION_DAYS must be a positive number, got "${env.GRIDMAP_AUDIT_RETENTION_DAYS}"`);
  return days;
}
