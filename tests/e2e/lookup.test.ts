// Staff look-up in a real browser against the real server: a resident's address typed the way
// residents write it (full-width digits, 栋 for 幢), the first suggestion picked with the
// keyboard, the card with the area, its lead and phone (full for staff, masked for a leader),
// the map flown there; then pick-on-map inside an area and outside every area, and coordinates
// typed into the box. Nothing leaves the origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bbox } from '@turf/turf';
import type { UnitCollection, UnitDetail, UnitFeature } from '../../client/shared/api/types';
import type { MapHandle } from '../../client/shared/map/handle';
import { interiorPoint } from '../../client/shared/map/labelPoints';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(res.status, `login ${username}`).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function api<T>(pathAndQuery: string, cookie?: string): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`, { headers: cookie ? { cookie } : {} });
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}

const gridmap = () => page.evaluateHandle(() => (window as unknown as { __gridmap: MapHandle }).__gridmap);
const mapIdle = async () => (await gridmap()).evaluate((m) => m.whenIdle());
const mapBounds = async () => (await gridmap()).evaluate((m) => m.bounds());
const toPixel = async (lngLat: [number, number]) => (await gridmap()).evaluate((m, at) => m.project(at), lngLat);
// A click there reaches the map, not a panel, the look-up box or a map control drawn over it.
const onMapCanvas = (x: number, y: number) =>
  page.evaluate(([px, py]) => {
    const hit = document.elementFromPoint(px, py);
    return hit?.tagName === 'CANVAS' && hit.closest('[data-testid="map"]') !== null;
  }, [x, y] as const);

async function signIn(username: string, password: string) {
  await page.locator('[data-testid="nav-login"]').click();
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="lookup-input"]').waitFor();
}

/** [west, south, east, north] of a feature's coordinates. */
function extent(feature: UnitFeature): [number, number, number, number] {
  const numbers = JSON.stringify(feature.geometry).match(/-?\d+(?:\.\d+)?/g)!.map(Number);
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** How a resident might write it: no province, full-width digits, 栋 instead of 幢. */
function residentsSpelling(address: string): string {
  return address
    .replace(/^江苏省/, '')
    .replace(/幢/g, '栋')
    .replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
}

/** Types into the box with the `/` shortcut and picks the first suggestion with the keyboard. */
async function searchAndPickFirst(text: string) {
  await page.locator('body').click({ position: { x: 5, y: 5 } }); // focus outside any input
  await page.keyboard.press('/');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('lookup-input');
  await page.keyboard.type(text);
  await page.locator('[data-testid="lookup-option"]').first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('ArrowDown');
  expect(await page.locator('[data-testid="lookup-option"]').first().getAttribute('aria-selected')).toBe('true');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="lookup-card"][data-state="ready"]').waitFor({ timeout: 20_000 });
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

describe('staff look-up in the browser', () => {
  /** A real building of the demo city, its area and the area's lead as the server has them. */
  let building: { address: string; location: [number, number] };
  let area: UnitFeature;
  let fullPhone: string;
  let variant: string;

  beforeAll(async () => {
    const staff = await login('demo-staff', 'gridmap-staff');
    const towns = await api<UnitCollection>('/api/layers/towns');
    search: for (const town of towns.features) {
      const communities = await api<UnitCollection>(`/api/layers/communities?town=${town.properties.id}`);
      for (const community of communities.features) {
        const areas = await api<UnitCollection>(`/api/layers/areas?community=${community.properties.id}`);
        for (const candidate of areas.features) {
          const buildings = await api<UnitCollection>(`/api/layers/buildings?area=${candidate.properties.id}`);
          const found = buildings.features.find((b) => /\d幢$/.test(b.properties.address ?? ''));
          if (!found) continue;
          building = { address: found.properties.address!, location: interiorPoint(found) as [number, number] };
          area = candidate;
          break search;
        }
      }
    }
    expect(building, 'a building numbered with 幢').toBeDefined();
    fullPhone = (await api<UnitDetail>(`/api/units/area/${area.properties.id}`, staff)).lead!.phone;
    expect(fullPhone).toMatch(/^1\d{10}$/);
    variant = residentsSpelling(building.address);
    expect(variant).not.toBe(building.address);
  });

  it('shows the box only to signed-in users', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="nav-login"]').waitFor();
    expect(await page.locator('[data-testid="lookup-input"]').count()).toBe(0);
  });

  it('finds the area, lead and full phone of an address as a resident writes it, for staff', async () => {
    await signIn('demo-staff', 'gridmap-staff');
    const before = await mapBounds();
    await searchAndPickFirst(variant);
    const card = page.locator('[data-testid="lookup-card"]');
    expect(await card.locator('[data-testid="lookup-address"]').textContent()).toBe(building.address);
    expect(await card.locator('[data-testid="lookup-area"]').getAttribute('data-id')).toBe(area.properties.id);
    expect(await card.locator('[data-testid="lookup-area"]').textContent()).toBe(area.properties.name);
    expect(await card.locator('[data-testid="lookup-lead"]').textContent()).toBe(area.properties.leadName);
    expect(await card.locator('[data-testid="lookup-phone"]').textContent()).toBe(fullPhone);
    expect(await card.locator('[data-testid="lookup-reveal"]').count()).toBe(0);
    expect(await card.locator('[data-testid="lookup-centre-hours"]').textContent()).toMatch(/\d\d:\d\d|小时/);

    // The map moved from the whole city to the area (fetched for its outline), building in view.
    await expect.poll(() => chromium.requests.some((u) => u.includes(`/api/layers/areas?community=`))).toBe(true);
    const [aw, as, ae, an] = extent(area);
    const [lng, lat] = building.location;
    await expect
      .poll(
        async () => {
          await mapIdle();
          const [w, s, e, n] = await mapBounds();
          const contains = (x: number, y: number) => x >= w && x <= e && y >= s && y <= n;
          return contains(lng, lat) && contains(aw, as) && contains(ae, an) && e - w < (before[2] - before[0]) / 4;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    // The card over the map does not hide the place.
    const cardBox = (await card.boundingBox())!;
    expect((await toPixel(building.location))[0]).toBeGreaterThan(cardBox.x + cardBox.width);
    await chromium.shot('21-lookup-card');
  });

  it('prints the card over the map without the controls and the side panel', async () => {
    await page.emulateMedia({ media: 'print' });
    try {
      expect(await page.locator('[data-testid="lookup-card"]').isVisible()).toBe(true);
      expect(await page.locator('[data-testid="map"]').isVisible()).toBe(true);
      for (const hidden of ['[data-testid="lookup-box"]', '.maplibregl-ctrl-zoom-in', '[data-testid="child-list"]', '[data-testid="lookup-print"]']) {
        expect(await page.locator(hidden).isVisible(), hidden).toBe(false);
      }
      await chromium.shot('22-lookup-print');
    } finally {
      await page.emulateMedia({ media: 'screen' });
    }
  });

  it('closes the card with Esc', async () => {
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="lookup-card"]').waitFor({ state: 'detached' });
  });

  it('marks an unsure answer 请核对 with why, and says plainly a building its estate does not have', async () => {
    const card = page.locator('[data-testid="lookup-card"]');
    await page.locator('[data-testid="lookup-input"]').fill('');
    await searchAndPickFirst('港州新城三号楼');
    expect(await card.locator('[data-testid="lookup-check"]').textContent()).toContain('请核对');
    expect(await card.locator('[data-testid="lookup-check-why"] li').count()).toBeGreaterThan(0);
    await chromium.shot('23-lookup-check');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="lookup-input"]').fill('');
    await searchAndPickFirst('港洲新城50幢');
    expect(await card.locator('[data-testid="lookup-missing"]').textContent()).toMatch(/^没有找到 50幢；港洲新城有 1-\d+幢$/);
    expect(await card.locator('[data-testid="lookup-building"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });
  });

  it('says clearly when nothing matches', async () => {
    await page.locator('[data-testid="lookup-input"]').fill('');
    await page.locator('[data-testid="lookup-input"]').pressSequentially('zzqx没有这个地方');
    await page.locator('[data-testid="lookup-empty"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="lookup-empty"]').textContent()).toContain('没有找到');
    await page.keyboard.press('Escape');
  });

  it('shows the reason when the server refuses a search', async () => {
    const input = page.locator('[data-testid="lookup-input"]');
    await input.fill('');
    await input.fill('幸福花苑'.repeat(60)); // longer than the server accepts
    await page.locator('[data-testid="lookup-error"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="lookup-error"]').textContent()).toMatch(/^查找失败：.*q/);
    await page.keyboard.press('Escape');
  });

  it('keeps the newest suggestions when an older answer arrives late', async () => {
    const town = (await api<UnitCollection>('/api/layers/towns')).features.at(-1)!;
    const older = (await api<UnitCollection>(`/api/layers/communities?town=${town.properties.id}`)).features[0]!.properties.name!;
    const asked: string[] = [];
    await page.route('**/api/lookup?*', async (route) => {
      const q = new URL(route.request().url()).searchParams.get('q')!;
      asked.push(q);
      if (q === older) await new Promise((resolve) => setTimeout(resolve, 2500));
      // The page may have aborted the older request meanwhile; then there is nothing to send on.
      await route.continue().catch(() => undefined);
    });
    try {
      const input = page.locator('[data-testid="lookup-input"]');
      await input.fill(older);
      await expect.poll(() => asked.includes(older)).toBe(true);
      await input.fill(variant);
      const first = page.locator('[data-testid="lookup-option"] .address').first();
      await expect.poll(() => first.textContent(), { timeout: 20_000 }).toBe(building.address);
      await page.waitForTimeout(3000); // past the older answer's delay
      expect(await first.textContent()).toBe(building.address);
      expect(asked).toEqual([older, variant]);
    } finally {
      await page.unroute('**/api/lookup?*');
    }
    await page.keyboard.press('Escape');
  });

  it('shows a leader the lead phone masked', async () => {
    await page.locator('[data-testid="logout"]').click();
    await page.locator('[data-testid="nav-login"]').waitFor();
    expect(await page.locator('[data-testid="lookup-input"]').count()).toBe(0);
    await signIn('demo-leader', 'gridmap-leader');
    await searchAndPickFirst(variant);
    const card = page.locator('[data-testid="lookup-card"]');
    expect(await card.locator('[data-testid="lookup-area"]').getAttribute('data-id')).toBe(area.properties.id);
    const masked = await card.locator('[data-testid="lookup-phone"]').textContent();
    expect(masked).toMatch(/^1\d\d\*{4}\d{4}$/);
    expect(masked).toBe(`${fullPhone.slice(0, 3)}****${fullPhone.slice(-4)}`);
    expect(await card.locator('[data-testid="lookup-reveal"]').count()).toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="lookup-card"]').waitFor({ state: 'detached' });
  });

  it('lets an admin reveal the masked phone on the card', async () => {
    await page.locator('[data-testid="logout"]').click();
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-admin');
    await page.locator('[data-testid="login-password"]').fill('gridmap-admin');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="nav-map"]').click(); // an admin lands on the admin page
    await page.locator('[data-testid="lookup-input"]').waitFor();
    await searchAndPickFirst(variant);
    const phone = page.locator('[data-testid="lookup-card"] [data-testid="lookup-phone"]');
    expect(await phone.textContent()).toMatch(/^1\d\d\*{4}\d{4}$/);
    await page.locator('[data-testid="lookup-reveal"]').click();
    await expect.poll(() => phone.textContent()).toBe(fullPhone);
    expect(await page.locator('[data-testid="lookup-reveal"]').count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  it('answers a click inside an area in pick-on-map mode', async () => {
    await page.goto(`${server.url}/`); // the whole city in view again
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await mapIdle();
    const target = interiorPoint(area) as [number, number];
    await page.locator('[data-testid="lookup-pick"]').click();
    expect(await page.locator('[data-testid="lookup-pick"]').getAttribute('aria-pressed')).toBe('true');
    const [x, y] = await toPixel(target);
    await page.mouse.click(x, y);
    await page.locator('[data-testid="lookup-card"][data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="lookup-area"]').getAttribute('data-id')).toBe(area.properties.id);
    expect(await page.locator('[data-testid="lookup-pick"]').getAttribute('aria-pressed')).toBe('false');
    // The click looked up; it did not drill down into the town.
    expect(await page.locator('[data-testid="breadcrumb"] .crumb').count()).toBe(1);
  });

  it('says so when the click is outside every area', async () => {
    await page.keyboard.press('Escape');
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    // The page frames the whole city once the towns have loaded; until then the camera is the
    // default one, which may show no place outside every area.
    const city = bbox(await api<UnitCollection>('/api/layers/towns'));
    await expect
      .poll(async () => {
        await mapIdle();
        const [w, s, e, n] = await mapBounds();
        return w <= city[0] && s <= city[1] && e >= city[2] && n >= city[3];
      }, { timeout: 30_000 })
      .toBe(true);
    // A place on the map's canvas, clear of the panels and controls, that the server puts in no area.
    const leader = await login('demo-leader', 'gridmap-leader');
    const [w, s, e, n] = await mapBounds();
    let outside: [number, number] | null = null;
    for (let i = 1; i < 20 && !outside; i++) {
      for (let j = 1; j < 20 && !outside; j++) {
        const at: [number, number] = [w + ((e - w) * j) / 20, n - ((n - s) * i) / 20];
        const [px, py] = await toPixel(at);
        if (!(await onMapCanvas(px, py))) continue;
        const res = await fetch(`${server.url}/api/lookup/point?lng=${at[0]}&lat=${at[1]}`, { headers: { cookie: leader } });
        if (res.status === 404) outside = at;
      }
    }
    expect(outside, 'a place outside every area in view').not.toBeNull();
    await page.locator('[data-testid="lookup-pick"]').click();
    const [x, y] = await toPixel(outside!);
    await page.mouse.click(x, y);
    await page.locator('[data-testid="lookup-outside"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="lookup-outside"]').textContent()).toContain('此处不在任何片区内');
  });

  it('looks up coordinates typed into the box', async () => {
    const [lng, lat] = interiorPoint(area) as [number, number];
    await page.locator('[data-testid="lookup-input"]').fill('');
    await page.locator('[data-testid="lookup-input"]').pressSequentially(`${lng.toFixed(6)}, ${lat.toFixed(6)}`);
    await page.locator('[data-testid="lookup-option"]').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="lookup-card"][data-state="ready"]').waitFor({ timeout: 20_000 });
    expect(await page.locator('[data-testid="lookup-area"]').getAttribute('data-id')).toBe(area.properties.id);
  });

  it('loaded nothing from outside the server and raised no page errors', () => {
    const origin = new URL(server.url).origin;
    expect(chromium.foreignRequests(origin)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
  });
});
