// The user journey of the grid map in a real browser against the real server: drill down from
// the city to a building, back up by the breadcrumb, compare villages before consolidation,
// switch to English, and never leave the origin or break the Content-Security-Policy.
// GRIDMAP_E2E_URL=http://… runs it against a server that is already up instead of starting one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';
import type { UnitCollection, UnitDetail, UnitFeature } from '../../client/shared/api/types';
import { interiorPoint } from '../../client/shared/map/labelPoints';
import type { MapHandle } from '../../client/shared/map/handle';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;
let pageCsp: string | undefined;

async function api<T>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`);
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}

const shot = (name: string) => chromium.shot(name);

async function mapIdle() {
  await page.evaluate(() => (window as unknown as { __gridmap: MapHandle }).__gridmap.whenIdle());
}

/** Waits until the breadcrumb ends with `name`, i.e. the unit is selected and its detail shown. */
async function expectCurrent(name: string) {
  await page.locator('[data-testid="breadcrumb"] [aria-current="page"]', { hasText: name }).waitFor({ timeout: 20_000 });
  await expect.poll(() => page.locator('[data-testid="info-name"]').textContent()).toBe(name);
  await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
  await mapIdle();
}

async function breadcrumbText(): Promise<string> {
  const parts = await page.locator('[data-testid="breadcrumb"] .crumb').allTextContents();
  return parts.map((p) => p.trim()).join(' › ');
}

/** Clicks the unit where it is drawn on the map canvas, as a user would. */
async function clickOnMap(feature: UnitFeature) {
  const at = interiorPoint(feature);
  expect(at, `no interior point for ${feature.properties.id}`).not.toBeNull();
  const [x, y] = await page.evaluate(
    (lngLat) => (window as unknown as { __gridmap: MapHandle }).__gridmap.project(lngLat),
    at as [number, number],
  );
  await page.mouse.click(x, y);
}

/** The largest unit of a collection: the easiest target for a click on the canvas. */
function largest(collection: UnitCollection): UnitFeature {
  const size = (f: UnitFeature) => {
    const coords = JSON.stringify(f.geometry).match(/-?\d+\.\d+/g)?.map(Number) ?? [];
    const xs = coords.filter((_, i) => i % 2 === 0);
    const ys = coords.filter((_, i) => i % 2 === 1);
    return (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys));
  };
  return collection.features.reduce((a, b) => (size(b) > size(a) ? b : a));
}

beforeAll(async () => {
  server = await serverUnderTest();
  // The page asks who is signed in; for a visitor that is a 401 by design.
  chromium = await openBrowser();
  page = chromium.page;
  page.on('response', (r) => {
    if (r.request().isNavigationRequest()) pageCsp = r.headers()['content-security-policy'];
  });
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('grid map in the browser', () => {
  let town: UnitFeature;
  let community: UnitFeature;
  let townDetail: UnitDetail;
  let communityCount = 0;

  it('shows the whole city with its towns on the map and in the side panel', async () => {
    const [city, towns] = await Promise.all([api<UnitDetail>('/api/units/city'), api<UnitCollection>('/api/layers/towns')]);
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('[data-testid="info-name"]').textContent()).toBe(city.name);
    await expect.poll(() => page.locator('[data-testid="child-list"] button.child').count()).toBe(towns.features.length);
    await mapIdle();
    expect(await breadcrumbText()).toBe('全市');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    // The canvas really drew something: not a single flat colour.
    const png = await page.locator('[data-testid="map"] canvas').first().screenshot();
    expect(png.length).toBeGreaterThan(20_000);
    await shot('01-city');
    town = largest(towns);
  });

  it('drills into a town by clicking it on the map', async () => {
    townDetail = await api<UnitDetail>(`/api/units/town/${town.properties.id}`);
    await clickOnMap(town);
    await expectCurrent(townDetail.name);
    expect(await breadcrumbText()).toBe(`全市 › ${townDetail.name}`);
    if (townDetail.org) {
      await expect.poll(() => page.locator('[data-testid="info-org-name"]').textContent()).toBe(townDetail.org.name);
      expect(await page.locator('[data-testid="info-secretary"]').textContent()).toBe(townDetail.org.secretary);
    }
    const communities = await api<UnitCollection>(`/api/layers/communities?town=${town.properties.id}`);
    communityCount = communities.features.length;
    expect(communityCount).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="child-list"] button.child').count()).toBe(communityCount);
    // The map fitted to the town: its bbox is in view and the view is not much larger.
    const bounds = await page.evaluate(() => (window as unknown as { __gridmap: MapHandle }).__gridmap.bounds());
    const [w, s, e, n] = townDetail.bbox;
    expect(bounds[0]).toBeLessThanOrEqual(w + 1e-3);
    expect(bounds[2]).toBeGreaterThanOrEqual(e - 1e-3);
    expect(bounds[2] - bounds[0]).toBeLessThan((e - w) * 4 + 0.05);
    expect(bounds[1]).toBeLessThanOrEqual(s + 1e-3);
    expect(bounds[3]).toBeGreaterThanOrEqual(n - 1e-3);
    await shot('02-town');
    community = largest(communities);
  });

  it('drills into a community by clicking it on the map', async () => {
    const detail = await api<UnitDetail>(`/api/units/community/${community.properties.id}`);
    await clickOnMap(community);
    await expectCurrent(detail.name);
    expect(await breadcrumbText()).toBe(`全市 › ${townDetail.name} › ${detail.name}`);
    if (detail.org) {
      expect(['党委', '党总支', '党支部']).toContain(detail.org.form);
      expect(await page.locator('[data-testid="info-org-form"]').textContent()).toBe(detail.org.form);
    }
    await shot('03-community');
  });

  it('drills into a contracted area and a building party group from the side panel', async () => {
    const areas = await api<UnitCollection>(`/api/layers/areas?community=${community.properties.id}`);
    expect(areas.features.length).toBeGreaterThan(0);
    const area = areas.features[0];
    const areaDetail = await api<UnitDetail>(`/api/units/area/${area.properties.id}`);
    await page.locator(`[data-testid="child-list"] button[data-id="${area.properties.id}"]`).click();
    await expectCurrent(areaDetail.name);
    expect(await breadcrumbText()).toBe(
      `全市 › ${areaDetail.path.map((p) => p.name).join(' › ')}`,
    );
    expect(areaDetail.path.map((p) => p.level)).toEqual(['town', 'community', 'area']);
    if (areaDetail.lead) {
      expect(await page.locator('[data-testid="info-lead-name"]').textContent()).toBe(areaDetail.lead.name);
    }
    await shot('04-area');

    const groups = await api<UnitCollection>(`/api/layers/groups?area=${area.properties.id}`);
    expect(groups.features.length).toBeGreaterThan(0);
    const group = groups.features[0];
    const groupDetail = await api<UnitDetail>(`/api/units/group/${group.properties.id}`);
    await page.locator(`[data-testid="child-list"] button[data-id="${group.properties.id}"]`).click();
    await expectCurrent(groupDetail.name);
    expect(await page.locator('[data-testid="breadcrumb"] .crumb').count()).toBe(5);
    const buildings = await api<UnitCollection>(`/api/layers/buildings?area=${area.properties.id}`);
    const own = buildings.features.filter((b) => b.properties.groupId === group.properties.id);
    expect(await page.locator('[data-testid="child-list"] button.child').count()).toBe(own.length);
    await shot('05-group');

    expect(own.length).toBeGreaterThan(0);
    const building = own[0]!;
    const buildingDetail = await api<UnitDetail>(`/api/units/building/${building.properties.id}`);
    await page.locator(`[data-testid="child-list"] button[data-id="${building.properties.id}"]`).click();
    await expectCurrent(buildingDetail.name);
    expect(await page.locator(`[data-testid="child-list"] button[data-id="${building.properties.id}"]`).getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-testid="info-population"]').textContent()).toBe(
      new Intl.NumberFormat('zh-CN').format(buildingDetail.population),
    );
    expect(await page.locator('[data-testid="info-address"]').textContent()).toBe(buildingDetail.address);
    await shot('06-building');
  });

  it('goes back up by the breadcrumb, with the keyboard too', async () => {
    await page.locator('[data-testid="breadcrumb"] button[data-level="town"]').click();
    await expectCurrent(townDetail.name);
    expect(await page.locator('[data-testid="child-list"] button.child').count()).toBe(communityCount);
    const cityCrumb = page.locator('[data-testid="breadcrumb"] button[data-level="city"]');
    await cityCrumb.focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="breadcrumb"] [aria-current="page"][data-level="city"]').waitFor();
    await mapIdle();
    expect(await breadcrumbText()).toBe('全市');
  });

  it('compares the villages before consolidation with the communities after', async () => {
    const villages = await api<UnitCollection>('/api/layers/villages');
    await page.locator('[data-testid="consolidation"] button[data-value="before"]').click();
    const legend = page.locator('[data-testid="villages-legend"]');
    await legend.waitFor({ timeout: 30_000 });
    expect(await legend.textContent()).toContain(String(villages.features.length));
    expect(await page.locator('[data-testid="consolidation"] button[data-value="before"]').getAttribute('aria-pressed')).toBe('true');
    await mapIdle();
    await shot('07-villages-before');
    await page.locator('[data-testid="consolidation"] button[data-value="after"]').click();
    await legend.waitFor({ state: 'detached' });
  });

  it('switches to English and remembers it', async () => {
    await page.locator('[data-testid="locale-switch"]').click();
    await expect.poll(() => breadcrumbText()).toBe('City');
    expect(await page.locator('#info-title').textContent()).toBe('Unit details');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.reload();
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => breadcrumbText()).toBe('City');
    expect(await page.locator('[data-testid="locale-switch"]').textContent()).toContain('中文');
    // Pinyin labels are drawn in the browser's fonts, like the Chinese ones.
    await page.locator(`[data-testid="child-list"] button[data-id="${town.properties.id}"]`).click();
    await expectCurrent(townDetail.nameEn || townDetail.name);
    await shot('08-english');
  });

  it('ran the whole journey under a strict CSP without a single violation', () => {
    expect(pageCsp).toContain("default-src 'self'");
    expect(pageCsp).toContain("object-src 'none'");
    expect(pageCsp).not.toContain('unsafe-inline');
    expect(pageCsp).not.toContain('unsafe-eval');
    expect(chromium.cspViolations).toEqual([]);
  });

  it('loaded nothing from outside its own origin, and nothing failed', () => {
    const origin = new URL(server.url).origin;
    expect(chromium.foreignRequests(origin)).toEqual([]);
    expect(chromium.requests.filter((u) => u.includes('/glyphs/'))).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
