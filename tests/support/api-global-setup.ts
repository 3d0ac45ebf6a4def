// Builds the run's seeded database once: PGlite by default (kept between runs while the sources
// stay the same), the local PostgreSQL + PostGIS server when GRIDMAP_TEST_DB=postgres (admin URL
// from GRIDMAP_TEST_PG_URL).
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../server/db/database';
import { prepareDatabase } from '../../server/startup';
import { keptTemplate } from './template-cache';
import { adminQuery, TEST_REGION, withDatabase } from './test-database';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const started = Date.now();
  if (process.env.GRIDMAP_TEST_DB === 'postgres') {
    const adminUrl = process.env.GRIDMAP_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
    const templateName = `gridmap_template_${process.pid}`;
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${templateName}`);
    await adminQuery(adminUrl, `CREATE DATABASE ${templateName}`);
    const db = await openDatabase({ databaseUrl: withDatabase(adminUrl, templateName), dataDir: '' });
    await prepareDatabase(db, TEST_REGION);
    await db.close();
    project.provide('database', { kind: 'postgres', adminUrl, templateName });
    console.log(`[tests] PostgreSQL template ${templateName} ready in ${Date.now() - started} ms`);
    return async () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${templateName} WITH (FORCE)`);
  }
  const { dir: templateDir, built } = await keptTemplate(async (dir) => {
    const db = await openDatabase({ databaseUrl: undefined, dataDir: dir });
    await prepareDatabase(db, TEST_REGION);
    await db.close();
  });
  project.provide('database', { kind: 'pglite', templateDir });
  console.log(built ? `[tests] PGlite template ready in ${Date.now() - started} ms` : `[tests] PGlite template kept from an earlier run with the same sources (${templateDir})`);
  return async () => {};
}
