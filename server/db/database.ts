// One handle for both databases: knex on top of either embedded PGlite or a pg pool.
import fs from 'node:fs';
import knexFactory, { type Knex } from 'knex';
import type { Config } from '../config';

export type DatabaseKind = 'pglite' | 'postgres';

export interface Database {
  kind: DatabaseKind;
  knex: Knex;
  close(): Promise<void>;
}

export async function openDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(config.dataDir);
}

function openPostgres(url: string): Database {
  const knex = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 10 },
    acquireConnectionTimeout: 10_000,
  });
  return { kind: 'postgres', knex, close: () => knex.destroy() };
}

async function openPglite(dataDir: string): Promise<Database> {
  // Loaded lazily so a PostgreSQL deployment never pays for the WASM bundle.
  const [{ PGlite }, { postgis }, { pg_trgm }, { default: ClientPGLite }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-postgis'),
    import('@electric-sql/pglite/contrib/pg_trgm'),
    import('knex-pglite'),
  ]);
  fs.mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({ dataDir, extensions: { postgis, pg_trgm } });
  const knex = knexFactory({ client: ClientPGLite, connection: { pglite } } as Knex.Config);
  return {
    kind: 'pglite',
    knex,
    async close() {
      await knex.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}
