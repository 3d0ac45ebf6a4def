// An area's history in a real browser against the real server: a planner's two edits (a
// rename, then a new boundary) make three versions; the page opens from the area's info panel,
// two versions are compared by keyboard with the land figures the API's geometries give, the
// first is restored as version 4, and a restore from a page that another edit has overtaken
// is refused with a message. Nothing leaves the origin.
import { area as turfArea, difference, feature, featureCollection } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { SessionUser, UnitCollection } from '../../client/shared/api/types';
import type { ObjectState } from '../../server/features/writes/types';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;
let cookie: string;

async function call<T>(method: string, pathAndQuery: string, body?: unknown): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${pathAndQuery}`).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  server = await serverUnderTest();
  // A visitor's 401 before signing in; the stale restore's 409 is the point of the last test.
  chromium = await openBrowser({ expected: (status, pathname) => (status === 409 && pathname.endsWith('/restore')) });
  page = chromium.page;
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-planner', password: 'gridmap-planner' }),
  });
  cookie = res.headers.get('set-cookie')!.split(';')[0]!;
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

const m2 = (g: Polygon | MultiPolygon) => turfArea(feature(g));
const minus = (x: Polygon | MultiPolygon, y: Polygon | MultiPolygon) => {
  const part = difference(featureCollection([feature(x), feature(y)])) as Feature<Polygon | MultiPolygon> | null;
  return part ? turfArea(part) : 0;
};
const legend = async (id: string) => Number(await page.locator(`[data-testid="legend-${id}"]`).getAttribute('data-m2'));
const versionsShown = () => page.locator('[data-testid="history-version"]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-version'))));

describe('the history of an area', () => {
  let areaId: string;
  let town: { id: string; name: string };
  let community: { id: string; name: string };
  let first: ObjectState;

  it('has three versions after a rename and a new boundary through the API', async () => {
    const { user: me } = await call<{ user: SessionUser }>('GET', '/api/auth/me');
    const towns = await call<UnitCollection>('GET', '/api/layers/towns');
    const t = towns.features.find((f) => f.properties.id === me.towns[0])!;
    town = { id: String(t.properties.id), name: String(t.properties.name) };
    // A community with two areas at least: one to edit, one never edited.
    for (const c of (await call<UnitCollection>('GET', `/api/layers/communities?town=${town.id}`)).features) {
      const areas = (await call<UnitCollection>('GET', `/api/layers/areas?community=${c.properties.id}`)).features;
      if (areas.length < 2) continue;
      community = { id: String(c.properties.id), name: String(c.properties.name) };
      areaId = String(areas[0]!.properties.id);
      break;
    }
    expect(areaId).toBeDefined();

    first = await call<ObjectState>('GET', `/api/areas/${areaId}`);
    expect(first.version).toBe(1);
    const renamed = await call<ObjectState>('PATCH', `/api/areas/${areaId}`, { version: 1, changes: { name: '历史测试片区' } });
    // A square of about 200 m around the area's first corner: part inside, part outside.
    const [x, y] = (first.geometry as MultiPolygon).coordinates[0]![0]![0]!;
    const at = (dx: number, dy: number) => [Number((x! + dx).toFixed(7)), Number((y! + dy).toFixed(7))];
    const ring = [at(-0.001, -0.001), at(0.001, -0.001), at(0.001, 0.001), at(-0.001, 0.001), at(-0.001, -0.001)];
    const moved = await call<ObjectState>('PATCH', `/api/areas/${areaId}`, { version: renamed.version, changes: { geometry: { type: 'Polygon', coordinates: [ring] } }, crs: 'WGS84' });
    expect(moved.version).toBe(3);
  });

  it('opens from the area’s info panel for a planner and shows the three versions with what changed', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-planner');
    await page.locator('[data-testid="login-password"]').fill('gridmap-planner');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();
    for (const unit of [town, community, { id: areaId, name: '历史测试片区' }]) {
      await page.locator(`[data-testid="child-list"] button[data-id="${unit.id}"]`).click({ timeout: 30_000 });
      await expect.poll(() => page.locator('[data-testid="info-name"]').textContent(), { timeout: 20_000 }).toBe(unit.name);
      await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
      // The community's list of areas offers each area's history too.
      if (unit === community) expect(await page.locator(`[data-testid="child-history-${areaId}"]`).isVisible()).toBe(true);
    }
    await page.locator('[data-testid="open-history"]').click();

    await page.locator('[data-testid="history-version"]').first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/history?type=area&id=${areaId}`);
    expect(await versionsShown()).toEqual([3, 2, 1]);
    const row = (n: number) => page.locator(`[data-testid="history-version"][data-version="${n}"]`);
    expect(await row(3).locator('[data-testid="version-changes"]').textContent()).toContain('边界');
    expect(await row(2).locator('[data-testid="version-changes"]').textContent()).toContain('名称');
    expect(await row(1).getAttribute('data-kind')).toBe('first');
    expect(await page.locator('[data-testid="history-title"]').textContent()).toContain('历史测试片区');
  });

  it('compares version 1 with version 3 chosen by keyboard: the legend’s m² are the API geometries’', async () => {
    // The newest row takes the focus first; ↓↓ to version 1, A; Home, B.
    await page.locator('[data-testid="history-version"][data-version="3"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('a');
    await page.keyboard.press('Home');
    await page.keyboard.press('b');
    await page.locator('[data-testid="history-version"][data-version="1"] [data-testid="slot-a"]').waitFor();
    await page.locator('[data-testid="history-version"][data-version="3"] [data-testid="slot-b"]').waitFor();

    const a = await call<ObjectState>('GET', `/api/history/area/${areaId}/1`);
    const b = await call<ObjectState>('GET', `/api/history/area/${areaId}/3`);
    const [ga, gb] = [a.geometry as MultiPolygon, b.geometry as MultiPolygon];
    await expect.poll(() => legend('area-a')).toBeCloseTo(m2(ga), 3);
    expect(await legend('area-b')).toBeCloseTo(m2(gb), 3);
    expect(await legend('added')).toBeCloseTo(minus(gb, ga), 3);
    expect(await legend('removed')).toBeCloseTo(minus(ga, gb), 3);
    expect(await legend('change')).toBeCloseTo(m2(gb) - m2(ga), 3);
    // The shown text is the figure rounded to whole square metres.
    const shown = (await page.locator('[data-testid="legend-area-b"]').textContent())!.replace(/[^\d]/g, '');
    expect(Number(shown)).toBe(Math.round(m2(gb)));
    // The attribute table: only the name changed between 1 and 3.
    expect(await page.locator('[data-testid="history-attributes"]').getAttribute('data-changed')).toBe('1');
    expect(await page.locator('[data-testid="history-attributes"] tr.changed').getAttribute('data-field')).toBe('name');

    await page.evaluate(() => window.__gridmap!.whenIdle());
    await chromium.shot('history-compare');
  });

  it('restores version 1 from the keyboard as version 4 with the old name', async () => {
    await page.locator('[data-testid="history-version"][data-version="1"]').focus();
    await page.keyboard.press('r');
    await page.locator('[data-testid="restore-dialog"]').waitFor();
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="history-outcome"]').waitFor();
    await expect.poll(versionsShown).toEqual([4, 3, 2, 1]);
    expect(await page.locator('[data-testid="history-version"][data-version="4"] [data-testid="restored-from"]').textContent()).toContain('1');
    const now = await call<ObjectState>('GET', `/api/areas/${areaId}`);
    expect(now).toMatchObject({ version: 4, attributes: { name: first.attributes.name }, geometry: first.geometry });
    expect(await page.locator('[data-testid="history-title"]').textContent()).toContain(String(first.attributes.name));
  });

  it('cancels a restore with Esc, changing nothing', async () => {
    await page.locator('[data-testid="history-version"][data-version="2"]').focus();
    await page.keyboard.press('r');
    await page.locator('[data-testid="restore-dialog"]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="restore-dialog"]').waitFor({ state: 'detached' });
    expect((await call<ObjectState>('GET', `/api/areas/${areaId}`)).version).toBe(4);
  });

  it('says someone else changed it when a restore starts from a version overtaken meanwhile, and reloads', async () => {
    // Another planner's edit after the page showed version 4.
    await call<ObjectState>('PATCH', `/api/areas/${areaId}`, { version: 4, changes: { name: '别人改的名字' } });
    await page.locator('[data-testid="restore-2"]').click();
    await page.locator('[data-testid="restore-confirm"]').click();
    await expect.poll(() => page.locator('[data-testid="history-outcome"]').textContent()).toContain('别人修改了它');
    await expect.poll(versionsShown).toEqual([5, 4, 3, 2, 1]);
    expect(await call<ObjectState>('GET', `/api/areas/${areaId}`)).toMatchObject({ version: 5, attributes: { name: '别人改的名字' } });
    await chromium.shot('history-conflict');
  });

  it('prints the timeline and comparison with a snapshot of the map', async () => {
    await page.evaluate(() => {
      window.print = () => {};
    });
    await page.locator('[data-testid="history-print"]').click();
    await page.emulateMedia({ media: 'print' });
    const snapshot = page.locator('img.snapshot');
    expect(await snapshot.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    expect(await snapshot.isVisible()).toBe(true);
    expect(await page.locator('[data-testid="map"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="history-print"]').isVisible()).toBe(false);
    await page.screenshot({ path: 'test-artifacts/e2e/history-print.png', fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('speaks English when switched', async () => {
    await page.locator('[data-testid="locale-switch"]').click();
    await expect.poll(() => page.locator('[data-testid="history-title"]').textContent()).toContain('Version history');
    expect(await page.locator('[data-testid="history-legend"]').textContent()).toContain('m²');
    await chromium.shot('history-en');
    await page.locator('[data-testid="locale-switch"]').click();
    await expect.poll(() => page.locator('[data-testid="history-title"]').textContent()).toContain('历史版本');
  });

  it('says there are no earlier versions for an area never edited', async () => {
    const areas = (await call<UnitCollection>('GET', `/api/layers/areas?community=${community.id}`)).features;
    const untouched = String(areas.find((f) => f.properties.id !== areaId)!.properties.id);
    await page.goto(`${server.url}/history?type=area&id=${untouched}`);
    await page.locator('[data-testid="history-empty"]').waitFor({ timeout: 20_000 });
    expect(await versionsShown()).toEqual([1]);
    expect(await page.locator('[data-testid="history-compare"]').count()).toBe(0);
  });

  it('restores from 历史版本 the area a save split, leaving its community whole', async () => {
    type Plan = { community: { landM2: number }; areas: Array<{ id: string; version: number; name: string; landM2: number }>; buildings: Array<{ id: string; areaId: string; lng: number }> };
    const planUrl = `/api/communities/${community.id}/plan`;
    const before = await call<Plan>('GET', planUrl);
    const area = before.areas.find((a) => a.id === areaId)!;
    const mine = before.buildings.filter((b) => b.areaId === areaId).sort((a, b) => a.lng - b.lng).map((b) => b.id);
    const areas = before.areas.map((a) => ({ id: a.id, version: a.version, name: a.name, buildings: before.buildings.filter((b) => b.areaId === a.id).map((b) => b.id) }));
    areas.find((a) => a.id === areaId)!.buildings = mine.slice(0, Math.ceil(mine.length / 2));
    const body = { areas: [...areas, { name: '拆出的片区', buildings: mine.slice(Math.ceil(mine.length / 2)) }] };
    const refused = await fetch(`${server.url}${planUrl}`, { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const warnings = ((await refused.json()) as { problems: Array<{ code: string; ids: string[] }> }).problems;
    const saved = await call<{ created: Record<string, string> }>('PUT', planUrl, { ...body, acceptWarnings: warnings.map((w) => `${w.code}:${w.ids.join(',')}`) });
    const created = Object.values(saved.created)[0]!;

    await page.goto(`${server.url}/history?type=area&id=${areaId}`);
    await page.locator(`[data-testid="history-version"][data-version="${area.version + 1}"]`).waitFor({ timeout: 20_000 });
    await page.locator(`[data-testid="restore-${area.version}"]`).click();
    await page.locator('[data-testid="restore-community"]').waitFor();
    await page.locator('[data-testid="restore-confirm"]').click();
    await expect.poll(versionsShown).toContain(area.version + 2);
    expect(await page.locator('[data-testid="history-outcome"]').getAttribute('class')).toContain('restored');

    const after = await call<Plan>('GET', planUrl);
    expect(after.areas.map((a) => a.id)).not.toContain(created);
    expect(after.areas.map((a) => a.id).sort()).toEqual(before.areas.map((a) => a.id).sort());
    expect(after.buildings.map((b) => [b.id, b.areaId])).toEqual(before.buildings.map((b) => [b.id, b.areaId]));
    // Whole: the areas' land adds up to the community's (an overlap would add more, a gap less).
    expect(Math.abs(after.areas.reduce((s, a) => s + a.landM2, 0) - after.community.landM2)).toBeLessThan(1);
    await chromium.shot('history-restored-community');
  });

  it('loaded nothing from outside, with no page errors, CSP violations or unexpected failures', () => {
    expect(chromium.foreignRequests(server.url)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
