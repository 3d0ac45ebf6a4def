// The leaders' dashboard in a real browser: a leader opens it from the header, the numbers shown
// are /api/stats fetched in the same page, the per-town table sorts from the keyboard, and the
// Excel and PNG downloads are real files. Nothing leaves the origin.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Stats } from '../../server/features/stats/service';
import { ARTIFACTS, openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;

beforeAll(async () => {
  server = await serverUnderTest();
  chromium = await openBrowser();
  page = chromium.page;
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

const shown = async (testid: string) => {
  const figure = page.locator(`[data-testid="${testid}"]`);
  return { value: Number(await figure.getAttribute('data-value')), text: (await figure.textContent())!.trim() };
};

describe('the leaders’ dashboard', () => {
  it('shows a leader the figures of /api/stats, sorts the towns by keyboard and downloads Excel and PNG', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-leader');
    await page.locator('[data-testid="login-password"]').fill('gridmap-leader');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="nav-dashboard"]').click();
    expect(new URL(page.url()).pathname).toBe('/dashboard');
    await page.locator('[data-testid="dashboard-view"][data-state="ready"]').waitFor({ timeout: 30_000 });

    const stats = await page.evaluate(() => fetch('/api/stats').then((r) => r.json() as Promise<Stats>));
    const expected: Record<string, number> = {
      'dash-villages-before': stats.villagesBefore,
      'dash-rural': stats.communities.rural,
      'dash-village-residence': stats.communities.villageResidence,
      'dash-urban': stats.communities.urban,
      'dash-township': stats.communities.township,
      'dash-village-centres': stats.serviceCenters.village.count,
      'dash-village-large': stats.serviceCenters.village.large,
      'dash-community-centres': stats.serviceCenters.community.count,
      'dash-community-large': stats.serviceCenters.community.large,
      'dash-residence': stats.concentratedResidenceRate,
      'dash-volunteers': stats.volunteers,
      'dash-population': stats.population,
      'dash-areas': stats.contractedAreas,
      'dash-groups': stats.partyGroups,
      'dash-buildings': stats.buildings,
    };
    for (const side of ['village', 'community'] as const) {
      for (const [form, n] of Object.entries(stats.partyOrgs[side])) expected[`dash-${side}-orgs-${form}`] = n;
    }
    for (const [testid, value] of Object.entries(expected)) expect((await shown(testid)).value, testid).toBe(value);
    // What the eye reads is the same number.
    expect((await shown('dash-volunteers')).text).toBe(stats.volunteers.toLocaleString('zh-CN'));
    expect((await shown('dash-residence')).text).toBe(`${(stats.concentratedResidenceRate * 100).toFixed(1)}%`);
    expect((await shown('dash-village-with-centre')).text).toBe('76.25%');
    const townRows = page.locator('[data-testid="dashboard-towns"] tbody tr');
    expect(await townRows.count()).toBe(stats.towns);
    const column = (col: string) => page.locator(`[data-testid="dashboard-towns"] tbody td[data-col="${col}"]`).evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
    expect((await column('villageCentres')).reduce((a, b) => a + b, 0)).toBe(stats.serviceCenters.village.count);
    expect(await page.locator('svg[data-testid^="chart-"]').count()).toBe(3);
    await chromium.shot('dashboard-01-city');

    // Sorting from the keyboard: the volunteers' heading, Enter → most volunteers first.
    await page.locator('[data-testid="sort-volunteers"]').focus();
    await page.keyboard.press('Enter');
    const volunteers = await column('volunteers');
    expect(volunteers).toEqual([...volunteers].sort((a, b) => b - a));
    expect(await page.locator('th:has([data-testid="sort-volunteers"])').getAttribute('aria-sort')).toBe('descending');
    await page.keyboard.press('Space');
    expect(await page.locator('th:has([data-testid="sort-volunteers"])').getAttribute('aria-sort')).toBe('ascending');

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="dashboard-xlsx"]').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^指标看板-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['全市', '分镇（街道）']);
    expect(workbook.getWorksheet('全市')!.getRow(2).values).toEqual([undefined, '撤并前行政村', stats.villagesBefore]);

    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="dashboard-png"]').click()]);
    expect(png.suggestedFilename()).toMatch(/\.png$/);
    const bytes = fs.readFileSync(await png.path());
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // IHDR: the three charts, twice their size, stacked.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000);
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(2000);
    fs.copyFileSync(await png.path(), path.join(ARTIFACTS, 'dashboard-02-charts.png'));

    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
    expect(chromium.foreignRequests(new URL(server.url).origin)).toEqual([]);
  });
});
