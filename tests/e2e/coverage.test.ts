// The leaders' coverage map in a real browser against the real server: a leader opens it from the
// header, sees the centres, the heatmap of who is beyond reach (drawn, not blank, where the largest
// uncovered estate is), the legend and the figures; drags a centre with the mouse onto that estate
// and sees the covered share change; takes proposed new sites into the what-if and sees it rise;
// frames the town chosen under 范围; reads a what-if before → after with the reason a closing
// changed nothing; shows everyone as heat, widens a kind's radius, and draws the pairings (结对共建) as arcs.
// Nothing leaves the origin; nothing is saved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Coverage, PopulationPoints } from '../../client/features/coverage/api';
import type { MapHandle } from '../../client/shared/map/handle';
import { distanceM } from '../../server/analysis/distance';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;

const gridmap = () => page.evaluateHandle(() => (window as unknown as { __gridmap: MapHandle }).__gridmap);
const mapIdle = async () => (await gridmap()).evaluate((m) => m.whenIdle());
const mapBounds = async () => (await gridmap()).evaluate((m) => m.bounds());
const toPixel = async (lngLat: [number, number]) => (await gridmap()).evaluate((m, at) => m.project(at), lngLat);
const shot = (name: string) => chromium.shot(`coverage-${name}`);

/** The map shows all of `box` and not much more: its tighter side is the box's with the padding. */
async function framed([w, s, e, n]: [number, number, number, number]) {
  const [bw, bs, be, bn] = await mapBounds();
  const slack = 1e-6;
  expect(bw).toBeLessThanOrEqual(w + slack);
  expect(bs).toBeLessThanOrEqual(s + slack);
  expect(be).toBeGreaterThanOrEqual(e - slack);
  expect(bn).toBeGreaterThanOrEqual(n - slack);
  expect(Math.min((be - bw) / (e - w), (bn - bs) / (n - s))).toBeLessThan(1.6);
}

/** The covered share of residents the figures panel shows, once it is not recomputing. */
async function populationShare(): Promise<number> {
  await page.locator('[data-testid="coverage-figures"][data-state="ready"]').waitFor({ timeout: 30_000 });
  return Number(await page.locator('[data-testid="coverage-city-population"]').getAttribute('data-share'));
}

/** How many pixels in a box around a screen point are the heatmap's deep red (its hottest stops). */
async function hotPixels([x, y]: [number, number], half: number): Promise<number> {
  const png = await page.screenshot({ clip: { x: x - half, y: y - half, width: 2 * half + 1, height: 2 * half + 1 } });
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    let hot = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > 170 && d[i + 1]! < 100 && d[i + 2]! < 80) hot++;
    return hot;
  }, `data:image/png;base64,${png.toString('base64')}`);
}

/** Pixels of the map in the agencies' arc colour (purple, PAIRING_COLORS.agency). */
async function purplePixels(): Promise<number> {
  const box = (await page.locator('[data-testid="map"]').boundingBox())!;
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > 110 && d[i]! < 200 && d[i + 1]! < 100 && d[i + 2]! > 130) n++;
    return n;
  }, `data:image/png;base64,${png.toString('base64')}`);
}

beforeAll(async () => {
  server = await serverUnderTest();
  chromium = await openBrowser();
  page = chromium.page;
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('the coverage map for leaders', () => {
  let first: Coverage['uncovered'][number];

  it('opens from the header for a signed-in leader with the figures, the legend and the heatmap', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-leader');
    await page.locator('[data-testid="login-password"]').fill('gridmap-leader');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="nav-coverage"]').click();
    expect(new URL(page.url()).pathname).toBe('/coverage');
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    const share = await populationShare();
    expect(share).toBeGreaterThan(0);
    expect(share).toBeLessThan(1);
    await expect.poll(() => page.locator('[data-testid="coverage-legend"]').textContent()).toContain('党员人才服务中心');
    expect(await page.locator('[data-testid="coverage-legend"]').textContent()).toContain('劳动保障服务站');
    await page.locator('[data-testid="coverage-heat-legend"]').waitFor();
    expect(await page.locator('[data-testid="coverage-computed"]').textContent()).toMatch(/计算 [\d.]+ 毫秒/);
    expect(await page.locator('[data-testid="coverage-estate"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="coverage-towns"] tbody tr').count()).toBeGreaterThan(1);
    await mapIdle();
    await shot('01-city');
  });

  it('frames the town chosen under 范围, and the whole city again under 全市', async () => {
    const city = await page.evaluate(() => fetch('/api/coverage').then((r) => r.json() as Promise<Coverage>));
    const town = city.towns[1]!;
    await page.locator('[data-testid="coverage-town"]').selectOption(town.id);
    await page.waitForTimeout(1000); // the camera's flight
    await mapIdle();
    await framed(town.bbox);
    await expect.poll(() => page.locator('[data-testid="coverage-figures"] h2').textContent()).toContain(town.name);
    await shot('01b-town');
    await page.locator('[data-testid="coverage-town"]').selectOption('');
    await page.waitForTimeout(1000);
    await mapIdle();
    const boxes = city.towns.map((t) => t.bbox);
    await framed([Math.min(...boxes.map((b) => b[0])), Math.min(...boxes.map((b) => b[1])), Math.max(...boxes.map((b) => b[2])), Math.max(...boxes.map((b) => b[3]))]);
    await page.locator('[data-testid="coverage-figures"][data-state="ready"]').waitFor({ timeout: 30_000 });
  });

  it('flies to the largest uncovered estate, where the heatmap is hot', async () => {
    const res = await page.evaluate(() => fetch('/api/coverage').then((r) => r.json() as Promise<Coverage>));
    first = res.uncovered[0]!;
    expect(await page.locator('[data-testid="coverage-estate"]').first().textContent()).toBe(first.estate.name);
    await page.locator('[data-testid="coverage-estate"]').first().click();
    await page.waitForTimeout(1500); // the camera's flight
    await mapIdle();
    await page.waitForTimeout(1500); // the heatmap re-scales its colours to the new view after a pause
    await shot('02-estate');
    // Basemap, roads and the faint reach circles are never this red, and no centre is near: the
    // heat drawn over the estate's buildings is. Without the heat layer this count is 0.
    expect(await hotPixels(await toPixel(first.location), 60)).toBeGreaterThan(20);
  });

  it('drags the estate’s nearest centre onto it with the mouse and sees the covered share change', async () => {
    expect(first.nearest).not.toBeNull();
    const before = await populationShare();
    const centres = await page.evaluate(() => fetch('/api/coverage').then((r) => r.json() as Promise<Coverage>));
    const centre = centres.centres.find((c) => c.id === first.nearest!.centreId)!;
    const from = await toPixel([centre.lng, centre.lat]);
    const to = await toPixel(first.location);
    const bounds = await mapBounds();
    await page.mouse.move(from[0], from[1]);
    await page.mouse.move(from[0] + 1, from[1]);
    // The hover pick locks the map's panning; then the press starts the drag on the centre.
    await page.waitForTimeout(800);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(from[0] + ((to[0] - from[0]) * i) / 10, from[1] + ((to[1] - from[1]) * i) / 10);
    await page.mouse.up();
    await shot('03-dragged');
    await expect.poll(() => page.locator('[data-testid="what-if-changes"] li').count(), { timeout: 10_000 }).toBe(1);
    // The centre moved, not the map.
    expect(await mapBounds()).toEqual(bounds);
    expect(await page.locator('[data-testid="what-if-changes"]').textContent()).toContain(centre.name);
    // Its old neighbourhood may lose more than the estate gains: the figure changes, either way.
    await expect.poll(populationShare, { timeout: 30_000 }).not.toBe(before);
    // The centre went where it was dropped (within a few pixels), not where the map panned.
    const moved = Number(await page.locator('[data-testid="what-if-lng"]').inputValue());
    expect(Math.abs(moved - first.location[0])).toBeLessThan(0.002);
    expect(await page.locator('[data-testid="coverage-figures"]').textContent()).toContain('未保存的假设');
  });

  it('moves the selected centre with the arrow keys', async () => {
    const lng = Number(await page.locator('[data-testid="what-if-lng"]').inputValue());
    await page.locator('[data-testid="what-if-move"]').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(async () => Number(await page.locator('[data-testid="what-if-lng"]').inputValue())).toBeGreaterThan(lng);
    expect(await page.locator('[data-testid="what-if-changes"] li').count()).toBe(1); // still one move
  });

  it('adds the proposed new sites to the what-if and sees the covered share rise', async () => {
    const before = await populationShare();
    await page.locator('[data-testid="sites-p"]').fill('3');
    await page.locator('[data-testid="sites-propose"]').click();
    await page.locator('[data-testid="sites-list"] li').first().waitFor({ timeout: 60_000 });
    expect(await page.locator('[data-testid="sites-list"] li').count()).toBe(3);
    expect(await page.locator('[data-testid="sites-list"]').textContent()).toMatch(/\+[\d,]+ 人/);
    await mapIdle();
    await shot('04-sites');
    await page.locator('[data-testid="sites-add"]').click();
    await expect.poll(() => page.locator('[data-testid="what-if-changes"] li').count()).toBe(4);
    await expect.poll(populationShare, { timeout: 30_000 }).toBeGreaterThan(before);
    await mapIdle();
    await shot('05-sites-added');
  });

  it('resets the what-if to the centres as they are', async () => {
    await page.locator('[data-testid="what-if-reset"]').click();
    await expect.poll(() => page.locator('[data-testid="what-if-changes"]').count()).toBe(0);
    const res = await page.evaluate(() => fetch('/api/coverage').then((r) => r.json() as Promise<Coverage>));
    await expect.poll(populationShare, { timeout: 30_000 }).toBe(res.city.population.share);
  });

  it('closing a centre others still reach shows every figure before → after unchanged and says why; closing one with residents of its own shows the loss', async () => {
    const answer = await page.evaluate(() => fetch('/api/coverage').then((r) => r.json() as Promise<Coverage>));
    const { points } = await page.evaluate(() => fetch('/api/coverage/population').then((r) => r.json() as Promise<PopulationPoints>));
    // Brute force: which centres reach each building, then a centre no building depends on alone.
    const reachedBy = points.map(([lng, lat]) => answer.centres.filter((c) => distanceM([c.lng, c.lat], [lng, lat]) <= c.radiusM).map((c) => c.id));
    const within = (id: string) => points.reduce((sum, p, i) => sum + (reachedBy[i]!.includes(id) ? p[2] : 0), 0);
    const alone = (id: string) => points.reduce((sum, p, i) => sum + (reachedBy[i]!.length === 1 && reachedBy[i]![0] === id ? p[2] : 0), 0);
    const shared = answer.centres.find((c) => within(c.id) > 0 && alone(c.id) === 0)!;
    const sole = answer.centres.find((c) => alone(c.id) > 0)!;

    await page.locator('[data-testid="what-if-centres"]').selectOption(shared.id);
    await page.locator('[data-testid="what-if-close"]').click();
    const comparison = page.locator('[data-testid="what-if-comparison"]');
    await comparison.waitFor({ timeout: 30_000 });
    const population = comparison.locator('[data-testid="what-if-row-covered-population"]');
    const covered = new Intl.NumberFormat('zh-CN').format(answer.city.population.covered);
    await expect.poll(() => population.textContent(), { timeout: 30_000 }).toBe(`覆盖人口${covered} → ${covered}（±0）`);
    expect(await comparison.locator('[data-testid="what-if-row-share-population"]').textContent()).toContain('（±0.0 个百分点）');
    expect(await comparison.locator('[data-testid="what-if-row-uncovered-estates"]').textContent()).toContain('（±0）');
    const reasons = page.locator('[data-testid="what-if-reasons"]');
    expect(await reasons.textContent()).toContain('覆盖人口不变');
    expect(await reasons.textContent()).toContain(
      `关闭“${shared.name}”后，其服务范围内的 ${new Intl.NumberFormat('zh-CN').format(within(shared.id))} 位居民仍在其他服务中心的服务半径内（仅由该中心覆盖的居民：0 位），因此覆盖率不变。`,
    );
    await comparison.scrollIntoViewIfNeeded();
    await shot('07-closed-no-effect');

    await page.locator('[data-testid="what-if-reset"]').click();
    await page.locator('[data-testid="what-if-centres"]').selectOption(sole.id);
    await page.locator('[data-testid="what-if-close"]').click();
    const lost = new Intl.NumberFormat('zh-CN').format(alone(sole.id));
    await expect.poll(() => population.textContent(), { timeout: 30_000 }).toMatch(new RegExp(`（−${lost}）$`));
    expect(await reasons.textContent()).toContain(`${lost} 位仅由该中心覆盖`);
    await shot('08-closed-loss');
    await page.locator('[data-testid="what-if-reset"]').click();
    await expect.poll(() => comparison.count(), { timeout: 30_000 }).toBe(0);
  });

  it('shows everyone as heat, widens a kind’s radius and sees the share rise, and draws the pairings as arcs', async () => {
    const everyone = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/coverage/population' && r.ok());
    await page.locator('[data-testid="coverage-heat-scope"]').selectOption('everyone');
    await everyone;
    expect(await page.locator('[data-testid="coverage-weight"]').textContent()).toContain('全部党员');

    const before = await populationShare();
    await page.locator('[data-testid="kind-radius-party_service-m"]').fill('3000');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="what-if-changes"]').textContent()).toContain('党员人才服务中心 → 3000 米');
    await expect.poll(populationShare, { timeout: 30_000 }).toBeGreaterThan(before);

    // Agencies only, so that the arcs' colour is the only purple on the map.
    await page.locator('[data-testid="pairings-show"]').check();
    await page.locator('[data-testid="pairings-kind-unit"]').uncheck();
    await page.locator('[data-testid="pairings-kind-urban_community"]').uncheck();
    await expect.poll(() => page.locator('[data-testid="pairings-summary"]').getAttribute('data-arcs')).toBe('75');
    await page.locator('[data-testid="pairings-community"]').first().click();
    await page.waitForTimeout(1000); // the camera's flight
    await mapIdle();
    await shot('06-pairings');
    expect(await purplePixels()).toBeGreaterThan(50);
    // Without the layer, the same view has no such colour.
    await page.locator('[data-testid="pairings-show"]').uncheck();
    await mapIdle();
    expect(await purplePixels()).toBeLessThan(5);
  });

  it('loaded nothing from outside the server and broke no rule of the page', () => {
    expect(chromium.foreignRequests(server.url)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
