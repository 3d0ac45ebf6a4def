// An area's lead and building party groups in a real browser against the real server: a
// planner opens the area page from the grid's info panel, is told what is wrong with a bad
// phone, changes the lead, groups the area automatically, moves one building to another group
// (and undoes and redoes it), saves, and sees the organisation's form and members recounted;
// the roster prints without the editing controls. Nothing leaves the origin.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formFor } from '../../server/domain/organisations';
import { groupNumber, shortAddress } from '../../client/features/area-groups/labels';
import type { UnitCollection } from '../../client/shared/api/types';
import type { AreaGrouping } from '../../server/features/groups/types';
import { ARTIFACTS, openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;
let cookie = '';

async function api<T>(pathAndQuery: string): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`, { headers: { cookie } });
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}

const text = (testId: string) => page.locator(`[data-testid="${testId}"]`).textContent();
const shot = (name: string) => page.screenshot({ path: path.join(ARTIFACTS, name), fullPage: true });

beforeAll(async () => {
  server = await serverUnderTest();
  chromium = await openBrowser();
  page = chromium.page;
  await page.setViewportSize({ width: 1280, height: 1000 });
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('area lead and building party groups', () => {
  let town: { id: string; name: string };
  let community: { id: string; name: string };
  let area: { id: string; name: string };
  let before: AreaGrouping;

  it('opens the area page from the info panel of an area in the planner’s town', async () => {
    // Straight to the login page: the grid's map need not start first.
    await page.goto(`${server.url}/login`);
    await page.locator('[data-testid="login-username"]').fill('demo-planner');
    await page.locator('[data-testid="login-password"]').fill('gridmap-planner');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();
    cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const { user } = await api<{ user: { towns: string[] } }>('/api/auth/me');
    const townFeature = (await api<UnitCollection>('/api/layers/towns')).features.find((f) => user.towns.includes(String(f.id)))!;
    town = { id: String(townFeature.id), name: String(townFeature.properties.name) };
    // An area with 50+ party members: recounted on save, its 党支部 becomes a 党总支 or more.
    search: for (const c of (await api<UnitCollection>(`/api/layers/communities?town=${town.id}`)).features) {
      for (const a of (await api<UnitCollection>(`/api/layers/areas?community=${c.id}`)).features) {
        const g = await api<AreaGrouping>(`/api/areas/${a.id}/groups`);
        if (g.groups.reduce((s, x) => s + x.members, 0) >= 50 && g.groups.length >= 2) {
          community = { id: String(c.id), name: String(c.properties.name) };
          area = { id: String(a.id), name: String(a.properties.name) };
          before = g;
          break search;
        }
      }
    }
    expect(area, 'an area with 50+ party members in the planner’s town').toBeDefined();

    for (const unit of [town, community, area]) {
      await page.locator(`[data-testid="child-list"] button[data-id="${unit.id}"]`).click({ timeout: 30_000 });
      await page.locator('[data-testid="breadcrumb"] [aria-current="page"]', { hasText: unit.name }).waitFor({ timeout: 20_000 });
      await expect.poll(() => text('info-name')).toBe(unit.name);
      await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    }
    await page.locator('[data-testid="open-area"]').click();
    await page.locator('[data-testid="lead-form"]').waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/area?id=${area.id}`);
    expect(await text('area-title')).toContain(area.name);
    expect(await page.locator('[data-testid="group-row"]').count()).toBe(before.groups.length);
    expect(await page.locator('[data-testid="group-map"] circle').count()).toBe(before.groups.reduce((s, g) => s + g.buildings.length, 0));
    await shot('groups-area.png');
  });

  it('refuses a bad phone with a message, then saves the lead with the keyboard', async () => {
    await page.locator('[data-testid="lead-name"]').fill('周海燕');
    await page.locator('[data-testid="lead-phone"]').fill('12345');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#lead-phone-error').textContent()).toContain('11 位手机号');
    await page.locator('[data-testid="lead-phone"]').fill('13912345678');
    await page.keyboard.press('Enter');
    await expect.poll(() => text('lead-outcome')).toBe('负责人已保存。');
    const after = await api<AreaGrouping>(`/api/areas/${area.id}/groups`);
    expect(after.area).toMatchObject({ leadName: '周海燕', leadPhone: '13912345678', version: before.area.version + 1 });
  });

  it('groups the area automatically: a preview of ⌈members ÷ target⌉ groups, nothing saved yet', async () => {
    const members = before.groups.reduce((s, g) => s + g.members, 0);
    await page.locator('[data-testid="auto-target"]').fill('12');
    await page.locator('[data-testid="auto-measure"]').selectOption('partyMembers');
    await page.locator('[data-testid="auto-run"]').click();
    const k = Math.ceil(members / 12);
    await expect.poll(() => page.locator('[data-testid="group-row"]').count()).toBe(k);
    expect(await text('groups-count')).toBe(`共 ${k} 个党小组`);
    await page.locator('[data-testid="groups-unsaved"]').waitFor();
    // Each group's members, as the page sums them, add up to the area's.
    const shown = (await page.locator('[data-testid="group-members"]').allTextContents()).map(Number);
    expect(shown.reduce((s, x) => s + x, 0)).toBe(members);
    expect((await api<AreaGrouping>(`/api/areas/${area.id}/groups`)).groups.map((g) => g.id)).toEqual(before.groups.map((g) => g.id));
    await shot('groups-proposal.png');
  });

  it('moves one building to another group, undoes and redoes it', async () => {
    const firstGroup = page.locator('[data-testid="group-row"]').first();
    const building = firstGroup.locator('button.pick').first();
    const id = (await building.getAttribute('data-building'))!;
    const count = async (group: number) => page.locator('[data-testid="group-row"]').nth(group).locator('button.pick').count();
    const [n0, n1] = [await count(0), await count(1)];
    await building.click();
    const address = before.groups.flatMap((g) => g.buildings).find((b) => b.id === id)!.address;
    await expect.poll(() => text('move-selected')).toContain(shortAddress(address, before.area.communityName));
    const secondKey = (await page.locator('[data-testid="group-row"]').nth(1).getAttribute('data-group'))!;
    await page.locator('[data-testid="move-target"]').selectOption(secondKey);
    await page.locator('[data-testid="move-apply"]').click();
    await expect.poll(() => page.locator(`[data-testid="group-row"][data-group="${secondKey}"] button.pick[data-building="${id}"]`).count()).toBe(1);
    expect(await count(1)).toBe(n1 + 1);
    await page.locator('[data-testid="groups-undo"]').click();
    await expect.poll(() => count(0)).toBe(n0);
    // The map selects too: pick it there and move it again.
    await page.locator(`[data-testid="group-map"] circle[data-building="${id}"]`).click();
    await page.locator('[data-testid="move-target"]').selectOption(secondKey);
    await page.locator('[data-testid="move-apply"]').click();
    await expect.poll(() => count(1)).toBe(n1 + 1);
    await shot('groups-moved.png');
  });

  it('saves, and shows the groups and the organisation’s form and members as recounted', async () => {
    const rows = await page.locator('[data-testid="group-row"]').count();
    await page.locator('[data-testid="groups-save"]').click();
    await expect.poll(() => text('groups-outcome'), { timeout: 20_000 }).toBe('分组已保存，党组织人数和组织形式已重新统计。');
    const after = await api<AreaGrouping>(`/api/areas/${area.id}/groups`);
    expect(after.groups).toHaveLength(rows);
    const members = after.groups.reduce((s, g) => s + g.members, 0);
    expect(after.area.org).toMatchObject({ members, form: formFor(members) });
    expect(await text('area-org-members')).toBe(String(members));
    expect(await text('area-org-form')).toBe(formFor(members));
    expect(await page.locator('[data-testid="roster-row"]').count()).toBe(rows);
    // The roster lists the groups by their number, as officials read it.
    const numbers = (await page.locator('[data-testid="roster-row"] td:first-child').allTextContents()).map(groupNumber);
    expect(numbers).toEqual([...numbers].sort((a, b) => a! - b!));
    expect(new Set(numbers).size).toBe(rows);
    await shot('groups-saved.png');
  });

  it('prints the roster without the editing controls', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="roster"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="lead-form"]').isVisible()).toBe(false);
    expect(await page.locator('[data-testid="groups-table"]').isVisible()).toBe(false);
    await shot('groups-roster-print.png');
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows the page in English too', async () => {
    await page.locator('[data-testid="locale-switch"]').click();
    await expect.poll(() => text('area-title')).toContain('Area and groups');
    await shot('groups-en.png');
  });

  it('loaded nothing from outside the server and threw no errors', () => {
    expect(chromium.foreignRequests(new URL(server.url).origin)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
