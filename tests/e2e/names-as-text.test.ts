// A name is text, never markup: a community and an area whose names are an HTML payload are
// shown literally in the child list, the info panel, the breadcrumb and the map's labels, and
// nothing of the payload reaches the DOM as an element or runs. The names are written into the
// database copy before the server starts, as an import or a careless edit would leave them.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDatabase } from '../../server/db/database';
import type { MapHandle } from '../../client/shared/map/handle';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';
import { cloneDatabase, TEST_REGION } from '../support/test-database';

const PAYLOAD = '<img src=x onerror=alert(1)>';
const COMMUNITY_NAME = `${PAYLOAD}社区`;
const AREA_NAME = `${PAYLOAD}片区`;

let clone: Awaited<ReturnType<typeof cloneDatabase>>;
let server: RunningServer;
let chromium: OpenBrowser;
let page: Page;
const ids = { town: '', community: '', area: '' };
const dialogs: string[] = [];

/** The smallest or largest unit of a table under a parent. */
async function pick(knex: Awaited<ReturnType<typeof openDatabase>>['knex'], table: string, where: Record<string, string>, order: 'ASC' | 'DESC') {
  const row = await knex(table).where({ region: TEST_REGION, ...where }).orderByRaw(`ST_Area(geom) ${order}`).first('id');
  return row.id as string;
}

const mapLabels = () => page.evaluate(() => (window as unknown as { __gridmap: MapHandle }).__gridmap.labels());
const imgElements = () => page.locator('img[src="x"]').count();

async function choose(id: string, name: string) {
  await page.locator(`[data-testid="child-list"] button[data-id="${id}"]`).click();
  await page.locator('[data-testid="breadcrumb"] [aria-current="page"]', { hasText: name }).waitFor({ timeout: 20_000 });
  await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
  await page.evaluate(() => (window as unknown as { __gridmap: MapHandle }).__gridmap.whenIdle());
}

describe.skipIf(process.env.GRIDMAP_E2E_URL)('names with HTML in them', () => {
  beforeAll(async () => {
    clone = await cloneDatabase(inject('database'));
    const db = await openDatabase(clone.config);
    try {
      // The smallest town is shown close enough for community labels (minzoom 11); the largest
      // community and area have the most room for theirs.
      ids.town = await pick(db.knex, 'towns', {}, 'ASC');
      ids.community = await pick(db.knex, 'communities', { town_id: ids.town }, 'DESC');
      ids.area = await pick(db.knex, 'contracted_areas', { community_id: ids.community }, 'DESC');
      await db.knex('communities').where({ region: TEST_REGION, id: ids.community }).update({ name: COMMUNITY_NAME });
      await db.knex('contracted_areas').where({ region: TEST_REGION, id: ids.area }).update({ name: AREA_NAME });
    } finally {
      await db.close();
    }
    server = await startServer({
      GRIDMAP_DATA_DIR: clone.config.dataDir,
      ...(clone.config.databaseUrl ? { DATABASE_URL: clone.config.databaseUrl } : {}),
    });
    chromium = await openBrowser();
    page = chromium.page;
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
    await clone?.drop();
  });

  it('lists the community by its literal name and labels it so on the map', async () => {
    await page.locator(`[data-testid="child-list"] button[data-id="${ids.town}"]`).click();
    await page.locator(`[data-testid="child-list"] button[data-id="${ids.community}"]`).waitFor({ timeout: 20_000 });
    await page.evaluate(() => (window as unknown as { __gridmap: MapHandle }).__gridmap.whenIdle());
    expect((await page.locator(`[data-testid="child-list"] button[data-id="${ids.community}"]`).textContent())?.trim()).toBe(COMMUNITY_NAME);
    await expect.poll(mapLabels, { timeout: 20_000 }).toContain(COMMUNITY_NAME);
  });

  it('shows the community literally in the info panel and the breadcrumb', async () => {
    await choose(ids.community, COMMUNITY_NAME);
    expect(await page.locator('[data-testid="info-name"]').textContent()).toBe(COMMUNITY_NAME);
    expect((await page.locator('[data-testid="breadcrumb"] [aria-current="page"]').textContent())?.trim()).toBe(COMMUNITY_NAME);
    await expect.poll(mapLabels, { timeout: 20_000 }).toContain(AREA_NAME);
  });

  it('shows the area literally in the info panel and the breadcrumb, under the community', async () => {
    await choose(ids.area, AREA_NAME);
    expect(await page.locator('[data-testid="info-name"]').textContent()).toBe(AREA_NAME);
    const crumbs = (await page.locator('[data-testid="breadcrumb"] .crumb').allTextContents()).map((c) => c.trim());
    expect(crumbs.slice(-2)).toEqual([COMMUNITY_NAME, AREA_NAME]);
  });

  it('made no element of the payload and ran nothing', async () => {
    expect(await imgElements()).toBe(0);
    expect(await page.locator('[data-testid="info-panel"] img, [data-testid="breadcrumb"] img, [data-testid="child-list"] img').count()).toBe(0);
    expect(chromium.requests.filter((u) => new URL(u).pathname === '/x')).toEqual([]);
    expect(dialogs).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
  });
});
