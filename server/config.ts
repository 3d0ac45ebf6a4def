// Runtime configuration from the environment (names fixed by docs/api-contract.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { say, type Message } from './domain/messages';

export interface Config {
  port: number;
  host: string;
  /** PostgreSQL + PostGIS server; undefined selects the embedded PGlite database. */
  databaseUrl: string | undefined;
  /** A streaming replica of DATABASE_URL for read-only work; undefined: everything reads the primary. */
  databaseReadUrl: string | undefined;
  dataDir: string;
  /** The city (region code) this process serves first: its commands' region, its page's default city. */
  region: string;
  /** Every city this process serves (the first is `region`); one database may hold more. */
  cities: City[];
  distDir: string;
}

/** A setting of the environment that cannot be used: the operator's to fix, not a crash. */
export class ConfigError extends Error {
  readonly fault: Message;
  /** A number that is not one (`expected` port or positive), or a fault of its own (a malformed JSON setting). */
  constructor(name: string, value: string | undefined, expected: 'port' | 'positive');
  constructor(fault: Message);
  constructor(nameOrFault: string | Message, value?: string, expected?: 'port' | 'positive') {
    const fault: Message =
      typeof nameOrFault === 'string' ? { code: 'config_bad_value', params: { name: nameOrFault, value: value ?? '', expected } } : nameOrFault;
    super(say(fault, 'en'));
    this.fault = fault;
  }
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A city a process serves: its region code and, when the operator gave one, its name (张家港市). */
export interface City {
  code: string;
  name: string | null;
  /**
   * Load the demo city into the region while it is empty (`GRIDMAP_DEMO`, by default only the
   * demo's own region): any other starts empty, for its import.
   */
  demo: boolean;
}

const CITY_CODE = /^[A-Za-z0-9_-]{1,40}$/;

/**
 * `GRIDMAP_REGION`: one region code, or several separated by commas for a process that serves
 * several cities of one database, each optionally named after a colon
 * (`321282:靖江市,320582:张家港市`). The first is the default city.
 */
export function readCities(env: NodeJS.ProcessEnv = process.env): City[] {
  const value = env.GRIDMAP_REGION?.trim() || DEMO_REGION;
  const cities = value.split(/[,，]/).map((entry) => {
    const [code = '', ...name] = entry.split(/[:：]/).map((part) => part.trim());
    return { code, name: name.join(':') || null, demo: env.GRIDMAP_DEMO ? env.GRIDMAP_DEMO === '1' : code === DEMO_REGION };
  });
  const codes = cities.map((c) => c.code);
  const bad = codes.find((code, i) => !CITY_CODE.test(code) || codes.indexOf(code) !== i);
  if (bad !== undefined) throw new ConfigError({ code: 'config_bad_region', params: { value, code: bad } });
  return cities;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError('PORT', env.PORT, 'port');
  const cities = readCities(env);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReadUrl: (env.DATABASE_URL && env.DATABASE_READ_URL) || undefined,
    dataDir: path.resolve(env.GRIDMAP_DATA_DIR ?? path.join(projectRoot, '.data', 'pglite')),
    region: cities[0]!.code,
    cities,
    distDir: path.join(projectRoot, 'dist'),
  };
}

export const DEMO_REGION = '321289';

/** How long a session lasts: idle (since its last request) and absolute (since login). */
export function readSessionPolicy(env: NodeJS.ProcessEnv = process.env): { idleMs: number; maxMs: number } {
  const hours = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0)) throw new ConfigError(name, env[name], 'positive');
    return value * 3600_000;
  };
  return { idleMs: hours('GRIDMAP_SESSION_IDLE_HOURS', 12), maxMs: hours('GRIDMAP_SESSION_MAX_HOURS', 7 * 24) };
}

/**
 * The address printed cards' QR codes point to (`GRIDMAP_PUBLIC_URL`, e.g. http://10.1.2.3:3000):
 * cards printed on an intranet must open on a resident's phone, whatever host staff used.
 * Unset: the page's own origin. Kept without a trailing slash.
 */
export function readPublicUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env.GRIDMAP_PUBLIC_URL?.trim();
  if (!value) return undefined;
  const url = URL.canParse(value) ? new URL(value) : null;
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) throw new ConfigError({ code: 'config_bad_public_url', params: { value } });
  return url.href.replace(/\/+$/, '');
}

/** Days the audit log keeps a row (`GRIDMAP_AUDIT_RETENTION_DAYS`, default 180). */
export function readAuditRetentionDays(env: NodeJS.ProcessEnv = process.env): number {
  const days = Number(env.GRIDMAP_AUDIT_RETENTION_DAYS ?? 180);
  if (!(days > 0)) throw new ConfigError('GRIDMAP_AUDIT_RETENTION_DAYS', env.GRIDMAP_AUDIT_RETENTION_DAYS, 'positive');
  return days;
}

/** PostgreSQL's bounds, each in ms: a request never waits on a database that stopped answering longer than these. */
export interface DatabaseTimeouts {
  /** A new connection's TCP + login (`GRIDMAP_DB_CONNECT_TIMEOUT_MS`). */
  connectMs: number;
  /** Waiting for a pooled connection, the connect included (`GRIDMAP_DB_ACQUIRE_TIMEOUT_MS`). */
  acquireMs: number;
  /** One statement, cancelled by PostgreSQL past it (`GRIDMAP_DB_STATEMENT_TIMEOUT_MS`). */
  statementMs: number;
  /** The same for an import's check, commit and undo, which read and write a whole city (`GRIDMAP_DB_BULK_STATEMENT_TIMEOUT_MS`). */
  bulkStatementMs: number;
  /** A query outstanding this long has the link probed; a probe that fails ends it (`GRIDMAP_DB_STALL_MS`). */
  stallMs: number;
}

export function readDatabaseTimeouts(env: NodeJS.ProcessEnv = process.env): DatabaseTimeouts {
  const ms = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!(value > 0) || !Number.isFinite(value)) throw new ConfigError(name, env[name], 'positive');
    return value;
  };
  const connectMs = ms('GRIDMAP_DB_CONNECT_TIMEOUT_MS', 3000);
  return {
    connectMs,
    acquireMs: Math.max(connectMs, ms('GRIDMAP_DB_ACQUIRE_TIMEOUT_MS', 4000)),
    statementMs: ms('GRIDMAP_DB_STATEMENT_TIMEOUT_MS', 120_000),
    bulkStatementMs: ms('GRIDMAP_DB_BULK_STATEMENT_TIMEOUT_MS', 1_800_000),
    stallMs: ms('GRIDMAP_DB_STALL_MS', 1500),
  };
}
