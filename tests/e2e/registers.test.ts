// Keeping the registers current in Chromium against the real server: a planner opens a
// community's registers (登记簿) from the grid's info panel, adds a building by clicking the map,
// sees the community's totals and its area organisation's members follow, moves the building
// into another area by typing its coordinates and then drags it back, and removes it, the
// figures returning to where they were; a community organisation's members that no longer fit
// its form are saved once the warning is ticked. Nothing leaves the origin.
import { centerOfMass, booleanPointInPolygon, pointOnFeature } from '@turf/turf';
import type { MultiPolygon } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UnitCollection } from '../../client/shared/api/types';
import type { Registers } from '../../server/features/registers/types';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;
let cookie = '';
let community: { id: string; name: string };
let areas: [Registers['areas'][number], Registers['areas'][number]];
let before: Registers['figures'] & { areaMembers: number };
let buildingId = '';
const ADDRESS_TAIL = '登记簿新苑8幢';

async function api<T>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`, { headers: { cookie } });
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}
const registers = () => api<Registers>(`/api/communities/${community.id}/registers`);
const text = (testId: string) => page.locator(`[data-testid="${testId}"]`).first().textContent();
const figure = async (name: string) => Number((await text(`figure-${name}`))!.replace(/[^\d]/g, ''));
const areaMembers = async (areaId: string) => Number(await page.locator(`[data-testid="figure-area-org"][data-area="${areaId}"] [data-testid="figure-area-members"]`).textContent());

/** A place well inside an area: its centre of mass when that lies inside, else a point on its surface. */
function inside(geometry: MultiPolygon): [number, number] {
  const centre = centerOfMass(geometry).geometry.coordinates as [number, number];
  const at = booleanPointInPolygon(centre, geometry) ? centre : (pointOnFeature(geometry).geometry.coordinates as [number, number]);
  return [Number(at[0].toFixed(6)), Number(at[1].toFixed(6))];
}

async function pixel(lngLat: [number, number]): Promise<[number, number]> {
  await page.evaluate(() => window.__gridmap!.whenIdle());
  return page.evaluate((p) => window.__gridmap!.project(p), lngLat);
}

async function saved() {
  await expect.poll(() => page.locator('[data-testid="registers-outcome"]').getAttribute('class')).toContain('saved');
}

beforeAll(async () => {
  server = await serverUnderTest();
  // The organisation's form warning is a 422 until the planner accepts it.
  chromium = await openBrowser({ expected: (status, pathname) => status === 422 && pathname.startsWith('/api/organisations/') });
  page = chromium.page;
  await page.setViewportSize({ width: 1400, height: 900 });
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('registers', () => {
  it('opens a community’s registers from the grid’s info panel', async () => {
    await page.goto(`${server.url}/login`);
    await page.locator('[data-testid="login-username"]').fill('demo-planner');
    await page.locator('[data-testid="login-password"]').fill('gridmap-planner');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();
    cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const { user } = await api<{ user: { towns: string[] } }>('/api/auth/me');
    const town = (await api<UnitCollection>('/api/layers/towns')).features.find((f) => user.towns.includes(String(f.properties.id)))!;
    for (const c of (await api<UnitCollection>(`/api/layers/communities?town=${town.properties.id}`)).features) {
      community = { id: String(c.properties.id), name: String(c.properties.name) };
      const r = await registers();
      if (r.areas.length >= 2 && r.organisations.filter((o) => o.level === 3).length === r.areas.length) {
        areas = [r.areas[0]!, r.areas[1]!];
        before = { ...r.figures, areaMembers: r.buildings.filter((b) => b.areaId === areas[0].id).reduce((sum, b) => sum + b.partyMembers, 0) };
        break;
      }
    }
    expect(areas, 'a community of the planner’s town with two areas and their organisations').toBeDefined();

    for (const unit of [{ id: String(town.properties.id), name: String(town.properties.name) }, community]) {
      await page.locator(`[data-testid="child-list"] button[data-id="${unit.id}"]`).click({ timeout: 30_000 });
      await expect.poll(() => text('info-name'), { timeout: 20_000 }).toBe(unit.name);
      await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    }
    await page.locator('[data-testid="open-registers"]').click();
    await page.locator('[data-testid="registers-figures"]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/registers?community=${community.id}`);
    expect(await text('registers-title')).toContain(community.name);
    expect(await figure('households')).toBe(before.households);
    await page.locator('[data-testid="registers-map"][data-loaded="true"]').waitFor({ timeout: 30_000 });
    await chromium.shot('registers-open');
  });

  it('adds a building by clicking the map, and the community’s totals and its area organisation follow', async () => {
    await page.locator('[data-testid="building-add"]').click();
    const [x, y] = await pixel(inside(areas[0].geometry));
    await page.mouse.click(x, y);
    await expect.poll(() => page.locator('[data-testid="place-lng"]').inputValue()).not.toBe('');
    await page.locator('[data-testid="building-address"]').fill(`${community.name}${ADDRESS_TAIL}`);
    await page.locator('[data-testid="building-households"]').fill('20');
    await page.locator('[data-testid="building-population"]').fill('50');
    await page.locator('[data-testid="building-party-members"]').fill('9');
    await page.locator('[data-testid="building-party-members"]').press('Enter');
    await saved();
    await expect.poll(() => figure('households')).toBe(before.households + 20);
    expect([await figure('buildings'), await figure('population'), await figure('party-members')]).toEqual([before.buildings + 1, before.population + 50, before.partyMembers + 9]);
    const now = await registers();
    const made = now.buildings.find((b) => b.address.endsWith(ADDRESS_TAIL))!;
    expect(made.areaId).toBe(areas[0].id);
    buildingId = made.id;
    // The area's organisation counts its buildings' party members (a hand-kept seed figure gives way), the new one's 9 among them.
    const counted = now.buildings.filter((b) => b.areaId === areas[0].id).reduce((sum, b) => sum + b.partyMembers, 0);
    expect(await areaMembers(areas[0].id)).toBe(counted);
    expect(counted - 9).toBe(before.areaMembers);
    await chromium.shot('registers-added');
  });

  it('moves it into another area by typed coordinates, and back by dragging it on the map', async () => {
    const [from, to] = [await areaMembers(areas[0].id), await areaMembers(areas[1].id)];
    // The new building is the one being edited: its place is typed.
    await expect.poll(() => page.locator('[data-testid="building-address"]').inputValue()).toContain(ADDRESS_TAIL);
    const there = inside(areas[1].geometry);
    await page.locator('[data-testid="place-lng"]').fill(String(there[0]));
    await page.locator('[data-testid="place-lat"]').fill(String(there[1]));
    await page.locator('[data-testid="place-lat"]').press('Enter');
    await saved();
    await expect.poll(() => areaMembers(areas[1].id)).toBe(to + 9);
    expect(await areaMembers(areas[0].id)).toBe(from - 9);
    expect((await registers()).buildings.find((b) => b.id === buildingId)!.areaId).toBe(areas[1].id);

    const [sx, sy] = await pixel(there);
    const [tx, ty] = await pixel(inside(areas[0].geometry));
    await page.mouse.move(sx, sy);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(sx + ((tx - sx) * i) / 10, sy + ((ty - sy) * i) / 10);
    await page.mouse.up();
    await expect.poll(() => page.locator('[data-testid="place-lng"]').inputValue()).not.toBe(String(there[0]));
    await page.locator('[data-testid="building-save"]').click();
    await saved();
    await expect.poll(() => areaMembers(areas[0].id)).toBe(from);
    expect((await registers()).buildings.find((b) => b.id === buildingId)!.areaId).toBe(areas[0].id);
    await chromium.shot('registers-moved');
  });

  it('removes it, and the figures are what they were', async () => {
    await page.locator('[data-testid="building-remove"]').click();
    await page.locator('[data-testid="building-remove-confirm"]').click();
    await saved();
    await expect.poll(() => figure('households')).toBe(before.households);
    expect([await figure('buildings'), await figure('population'), await figure('party-members')]).toEqual([before.buildings, before.population, before.partyMembers]);
    expect((await registers()).buildings.some((b) => b.id === buildingId)).toBe(false);
  });

  it('takes a community organisation’s members that no longer fit its form once the warning is ticked', async () => {
    const org = (await registers()).organisations.find((o) => o.level === 2)!;
    const members = org.form === '党委' ? 10 : 150;
    await page.locator('[data-testid="registers-tab-organisations"]').click();
    await page.locator(`[data-testid="organisation-row"][data-id="${org.id}"] button`).click();
    await page.locator('[data-testid="organisation-members"]').fill(String(members));
    await page.locator('[data-testid="organisation-mismatch"]').waitFor();
    await page.locator('[data-testid="organisation-save"]').click();
    const warning = page.locator('[data-testid="registers-warning"]');
    await warning.waitFor();
    expect(await warning.textContent()).toContain(`有党员 ${members} 名`);
    await warning.locator('input').check();
    await page.locator('[data-testid="registers-accept"]').click();
    await saved();
    await expect.poll(() => text('figure-org')).toContain(String(members));
    await chromium.shot('registers-organisation');
  });

  it('loaded nothing from outside its own server, and met no error', () => {
    expect(chromium.foreignRequests(server.url)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
