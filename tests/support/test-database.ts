// How tests reach a real database. The global setup builds one migrated, seeded database per
// run; every test file then works on its own copy (a copied PGlite directory, or a PostgreSQL
// database created from the seeded one as template), so files can write without meeting.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export type TestDatabaseSource =
  | { kind: 'pglite'; templateDir: string }
  | { kind: 'postgres'; adminUrl: string; templateName: string };

declare module 'vitest' {
  export interface ProvidedContext {
    database: TestDatabaseSource;
  }
}

export const TEST_REGION = 'test-city';

/** A fresh copy of the seeded database; `config` is what `openDatabase` takes. */
export async function cloneDatabase(source: TestDatabaseSource): Promise<{
  config: { databaseUrl: string | undefined; dataDir: string };
  drop(): Promise<void>;
}> {
  if (source.kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-test-'));
    fs.cpSync(source.templateDir, dataDir, { recursive: true });
    return {
      config: { databaseUrl: undefined, dataDir },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `gridmap_t_${randomUUID().slice(0, 8)}`;
  await adminQuery(source.adminUrl, `CREATE DATABASE ${name} TEMPLATE ${source.templateName}`);
  return {
    config: { databaseUrl: withDatabase(source.adminUrl, name), dataDir: '' },
    drop: () => adminQuery(source.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
