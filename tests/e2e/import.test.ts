// An admin onboards a small city from files through the wizard, in a real browser: a server on
// an empty region (not the demo's), its admin made with `npm run user -- add`; the map says the
// city has no data and leads to 数据导入; the county's files (tests/fixtures/city) go up at once,
// the communities' shapefile without .prj asks its coordinate system (EPSG:4549 suggested
// first), the buildings exported from a web map are said to be GCJ-02, the check reports the
// warnings with the towns' totals, the warnings are accepted and the city committed; the map
// and /api/stats then have its two towns; undo from the list leaves the city empty again.
// Nothing leaves the origin; no CSP violation, no page error, no failed request.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../server/config';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { startServer, type RunningServer } from '../support/server';

const REGION = 'onboard-e2e';
const ADMIN = { username: 'county-admin', password: 'county-admin-pw-1' };
const FIXTURES = path.join(projectRoot, 'tests/fixtures/city');
const FILES = [
  'towns.zip', 'communities.zip', 'villages.zip', 'village-communities.xlsx', 'buildings.geojson', 'areas.xlsx',
  'groups.xlsx', 'organisations.xlsx', 'centres.xlsx', 'pairings.xlsx', 'aliases.csv',
];

let server: RunningServer;
let chromium: OpenBrowser;
let page: Page;

interface Stats {
  towns: number;
  buildings: number;
  contractedAreas: number;
}
const stats = async () => (await (await fetch(`${server.url}/api/stats`)).json()) as Stats;

/** `npm run user -- add` as a county's operator runs it, on the server's copy of the database. */
function addAdmin(database: RunningServer['database']) {
  const result = spawnSync('npm', ['run', '--silent', 'user', '--', 'add', '--username', ADMIN.username, '--role', 'admin', '--password-stdin'], {
    cwd: projectRoot,
    input: `${ADMIN.password}\n`,
    encoding: 'utf8',
    env: { ...process.env, GRIDMAP_DATA_DIR: database.dataDir, DATABASE_URL: database.databaseUrl ?? '', GRIDMAP_REGION: REGION },
    timeout: 120_000,
  });
  if (result.status !== 0) throw new Error(`npm run user failed: ${result.stderr}${result.stdout}`);
}

/** Waits until no step of the wizard is running. */
const settled = () => page.locator('[data-testid="import-progress"]').waitFor({ state: 'detached', timeout: 60_000 });

describe.skipIf(process.env.GRIDMAP_E2E_URL)('an admin onboards a city from files', () => {
  beforeAll(async () => {
    server = await startServer({ GRIDMAP_REGION: REGION, GRIDMAP_DEMO: '0' }, addAdmin);
    chromium = await openBrowser();
    page = chromium.page;
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.stop();
  });

  it('imports the files through the wizard, sees the towns on the map and in the figures, and undoes it', async () => {
    expect((await stats()).towns).toBe(0);
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill(ADMIN.username);
    await page.locator('[data-testid="login-password"]').fill(ADMIN.password);
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();
    await page.locator('[data-testid="nav-map"]').click();

    // The empty city tells the admin how to import it.
    const empty = page.locator('[data-testid="empty-city"]');
    await empty.waitFor({ timeout: 30_000 });
    expect(await empty.textContent()).toContain('npm run import -- --dir 文件夹');
    await chromium.shot('import-empty-city');
    await page.locator('[data-testid="empty-city-import"]').click();
    await page.locator('[data-testid="import-view"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/import');
    await page.locator('[data-testid="import-list-empty"]').waitFor();

    // Every file at once: each is named by its layer.
    await page.locator('[data-testid="import-file"]').setInputFiles(FILES.map((f) => path.join(FIXTURES, f)));
    await page.locator('[data-testid="layer-aliases"]').waitFor({ timeout: 60_000 });
    await settled();
    expect(await page.locator('[data-testid="import-outcome"]').count()).toBe(0);
    expect((await page.locator('[data-testid="layer-towns-status"]').textContent())?.trim()).toBe('已读取 2 行');

    // The communities' shapefile has no .prj: asked, with the system that fits the city first.
    expect(await page.locator('[data-testid="layer-communities"]').getAttribute('data-read')).toBe('false');
    expect(await page.locator('[data-testid="import-check"]').isDisabled()).toBe(true);
    const communitiesCrs = page.locator('[data-testid="layer-communities-crs-choice"]');
    const offered = await communitiesCrs.locator('option:not([disabled])').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(offered[0]).toBe('EPSG:4549');
    expect(await page.locator('[data-testid="layer-communities-crs-reason"]').textContent()).toContain('EPSG:4549');
    await chromium.shot('import-asks-crs');
    await communitiesCrs.selectOption('EPSG:4549');
    await page.locator('[data-testid="layer-communities-apply"]').click();
    await page.locator('[data-testid="layer-communities"][data-read="true"]').waitFor({ timeout: 30_000 });

    // The buildings came from a web map: GCJ-02 is offered for degrees, and only when chosen.
    await page.locator('[data-testid="layer-buildings-toggle"]').click();
    expect(await page.locator('[data-testid="layer-buildings-crs"]').getAttribute('data-status')).toBe('detected');
    await page.locator('[data-testid="layer-buildings-crs-choice"]').selectOption('gcj02');
    await page.locator('[data-testid="layer-buildings-apply"]').click();
    await expect.poll(() => page.locator('[data-testid="layer-buildings-crs"]').getAttribute('data-status')).toBe('chosen');
    await settled();

    await page.locator('[data-testid="import-check"]').click();
    const report = page.locator('[data-testid="import-report"]');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.getAttribute('data-ok')).toBe('true');
    expect((await page.locator('[data-testid="import-verdict"]').textContent())?.trim()).toMatch(/^没有错误；有 \d+ 条警告/);
    expect(await page.locator('[data-testid="import-towns"] tbody th').allTextContents()).toEqual(['江城街道', '白沙镇']);
    expect(await page.locator('[data-testid="import-diff"] tr[data-layer="buildings"] td').allTextContents()).toEqual(['1,704', '1,704', '0', '0']);
    const warnings = page.locator('[data-testid="import-problem"]');
    expect(await warnings.count()).toBeGreaterThan(0);
    expect(await warnings.first().textContent()).toContain('服务中心');
    // The report in English, then back.
    await page.locator('[data-testid="locale-switch"]').click();
    await expect.poll(async () => (await page.locator('[data-testid="import-verdict"]').textContent())?.trim()).toMatch(/^No errors; \d+ warnings/);
    await page.locator('[data-testid="locale-switch"]').click();
    // A warning with a place is flown to on the preview map.
    await page.locator('[data-testid="import-problem-locate"]').first().click();
    await page.evaluate(() => window.__gridmap?.whenIdle());
    await chromium.shot('import-report');

    // Commit: shut until the warnings are accepted.
    const commit = page.locator('[data-testid="import-commit"]');
    expect(await commit.isDisabled()).toBe(true);
    await page.locator('[data-testid="import-accept-warnings"]').check();
    await commit.click();
    await page.locator('[data-testid="import-outcome"][data-kind="done"]').waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="import-current"]').getAttribute('data-status')).toBe('committed');
    expect(await stats()).toMatchObject({ towns: 2, buildings: 1704 });

    // The map has the city now.
    await page.locator('[data-testid="import-open-map"]').click();
    await page.locator('[data-testid="child-list"] button[data-id="T01"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="child-list"] button.child').allTextContents()).toEqual(['江城街道', '白沙镇']);
    expect(await page.locator('[data-testid="empty-city"]').count()).toBe(0);
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await page.evaluate(() => window.__gridmap?.whenIdle());
    await expect.poll(() => page.evaluate(() => window.__gridmap?.labels() ?? [])).toEqual(expect.arrayContaining(['江城街道', '白沙镇']));
    await chromium.shot('import-city-on-map');

    // Undo from the list: the city is empty again.
    await page.locator('[data-testid="nav-import"]').click();
    const item = page.locator('[data-testid="import-list-item"][data-status="committed"]');
    await item.waitFor({ timeout: 30_000 });
    await item.locator('[data-testid="import-undo"]').click();
    await item.locator('[data-testid="import-undo-confirm"]').click();
    await page.locator('[data-testid="import-list-item"][data-status="undone"] [data-testid="import-list-outcome"]').waitFor({ timeout: 60_000 });
    expect(await stats()).toMatchObject({ towns: 0, buildings: 0, contractedAreas: 0 });
    await page.locator('[data-testid="nav-map"]').click();
    await page.locator('[data-testid="empty-city"]').waitFor({ timeout: 30_000 });

    expect(chromium.foreignRequests(server.url)).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
