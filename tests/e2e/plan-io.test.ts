// Importing and exporting a community's areas in a real browser: a planner opens the page from
// the community's info, exports its areas as a shapefile (a download), sees another community's
// areas refused on save with the problems listed, takes the .prj out of the export as files
// from the field often come, uploads it, is asked for the coordinate system, chooses
// WGS84, sees the preview with the areas' names, saves it as the community's areas, and
// exports GeoJSON that has them. Nothing leaves the origin; no CSP violation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitCollection } from '../../client/shared/api/types';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;
let tmp: string;

const api = async <T>(p: string) => (await (await fetch(server.url + p)).json()) as T;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-e2e-plan-io-'));
  server = await serverUnderTest();
  // The visitor's 401, and the 422 that asks for the coordinate system: both on purpose.
  chromium = await openBrowser({
    expected: (status, pathname) =>
      (status === 422 && (pathname.endsWith('/areas/import') || pathname.endsWith('/plan'))),
  });
  page = chromium.page;
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('import and export of areas in the browser', () => {
  it('exports, re-imports a shapefile without .prj after choosing its system, saves it, and exports GeoJSON', async () => {
    const town = (await api<UnitCollection>('/api/layers/towns')).features[0]!;
    const community = (await api<UnitCollection>(`/api/layers/communities?town=${town.id}`)).features[0]!;
    const areaNames = (await api<UnitCollection>(`/api/layers/areas?community=${community.id}`)).features.map((f) => String(f.properties.name)).sort();
    expect(areaNames.length).toBeGreaterThan(0);

    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-planner');
    await page.locator('[data-testid="login-password"]').fill('gridmap-planner');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();
    for (const unit of [town, community]) {
      await page.locator(`[data-testid="child-list"] button[data-id="${unit.id}"]`).click({ timeout: 30_000 });
      await expect.poll(() => page.locator('[data-testid="info-name"]').textContent(), { timeout: 20_000 }).toBe(unit.properties.name);
    }
    await page.locator('[data-testid="open-areas-io"]').click();
    await page.locator('[data-testid="areas-io-current"]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname).toBe('/areas-io');

    const [shapefile] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-shapefile"]').click()]);
    expect(shapefile.suggestedFilename()).toBe(`${community.properties.name}片区.zip`);
    const exported = path.join(tmp, 'export.zip');
    await shapefile.saveAs(exported);
    const parts = unzipSync(new Uint8Array(fs.readFileSync(exported)));
    delete parts['areas.prj'];
    const noPrj = path.join(tmp, '片区-无prj.zip');
    fs.writeFileSync(noPrj, zipSync(parts));

    // Another community's areas (a GDAL-made fixture): previewed with a warning, refused on save, shown in red.
    await page.locator('[data-testid="import-file"]').setInputFiles(path.join(import.meta.dirname, '../fixtures/areas/areas-wgs84.zip'));
    await page.locator('[data-testid="import-preview"]').click();
    await page.locator('[data-testid="import-warnings"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="import-warnings"]').textContent()).toContain('大部分在本社区之外');
    await page.locator('[data-testid="import-save"]').click();
    await page.locator('[data-testid="import-save-problems"] li').first().waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="import-save-message"]').textContent()).toMatch(/^有 \d+ 处不符合规则，未保存。$/);
    expect(await page.locator('[data-testid="import-save-problems"]').textContent()).toMatch(/片区“桃平社区第一片区”有 \d+ 平方米在社区范围之外/);
    await page.evaluate(() => window.__gridmap?.whenIdle());
    await chromium.shot('plan-io-refused');

    await page.locator('[data-testid="import-file"]').setInputFiles(noPrj);
    await expect.poll(() => page.locator('[data-testid="import-chosen"]').textContent()).toContain('Shapefile');
    await page.locator('[data-testid="import-preview"]').click();
    await page.locator('[data-testid="import-needs-crs"]').waitFor();
    // Asked, the chooser has the focus and no answer yet; preview waits for one.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('import-crs');
    expect(await page.locator('[data-testid="import-preview"]').isDisabled()).toBe(true);
    await chromium.shot('plan-io-asks-crs');
    await page.locator('[data-testid="import-crs"]').selectOption('wgs84');
    await page.locator('[data-testid="import-preview"]').click();
    await page.locator('[data-testid="import-preview-result"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="import-crs-used"]').textContent()).toContain('EPSG:4326');
    const names = (await page.locator('[data-testid="import-feature"] td:nth-child(2)').allTextContents()).sort();
    expect(names).toEqual(areaNames);
    await page.evaluate(() => window.__gridmap?.whenIdle());
    await chromium.shot('plan-io-preview');

    await page.locator('[data-testid="import-save"]').click();
    // The plan's rule warnings (balance, contiguity) of these areas: accepted one by one, then saved.
    await page.locator('[data-testid="import-save-message"]').waitFor({ timeout: 30_000 });
    for (const box of await page.locator('[data-testid="import-warning"] input').all()) await box.check();
    if (await page.locator('[data-testid="import-warning"]').count()) await page.locator('[data-testid="import-save"]').click();
    await expect.poll(() => page.locator('[data-testid="import-save-message"]').textContent(), { timeout: 30_000 }).toBe(`已保存 ${areaNames.length} 个片区。`);
    await chromium.shot('plan-io-saved');

    const [geojson] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="export-geojson"]').click()]);
    expect(geojson.suggestedFilename()).toBe(`${community.properties.name}片区.geojson`);
    const saved = path.join(tmp, 'areas.geojson');
    await geojson.saveAs(saved);
    const back = JSON.parse(fs.readFileSync(saved, 'utf8')) as FeatureCollection;
    expect(back.features.map((f) => f.properties!.name).sort()).toEqual(areaNames);
    // New areas were written: each at version 1 under a new id.
    expect(back.features.every((f) => f.properties!.version === 1)).toBe(true);

    expect(chromium.foreignRequests(server.url)).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
