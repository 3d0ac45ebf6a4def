// The planners' area editor in Chromium against the real server: a planner opens a community
// of their town from the grid, draws an area with the mouse (lasso clicks on the canvas), sees
// the metrics change, saves it; runs a proposal, accepts it, saves, and the saved areas are the
// proposal's groups; a save from stale versions is refused and offered as a reload.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { UnitCollection } from '../../client/shared/api/types';
import type { Plan } from '../../server/features/plans/read';
import type { Proposal } from '../../server/features/proposals/service';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;
let cookie = '';
let community: { id: string; name: string };

async function api<T>(method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${pathAndQuery}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}
const getPlan = async () => (await api<Plan>('GET', `/api/communities/${community.id}/plan`)).body;
const buildingSets = (plan: Plan) => {
  const byArea = new Map<string, string[]>();
  for (const b of plan.buildings) byArea.set(b.areaId, [...(byArea.get(b.areaId) ?? []), b.id]);
  return [...byArea.values()].map((ids) => ids.sort().join(',')).sort();
};
const rowCount = () => page.locator('[data-testid="metrics-row"]').count();

/** deck.gl draws on the next frames after a change: let it, before a screenshot. */
async function settle() {
  await page.evaluate(() => window.__gridmap!.whenIdle());
  await page.waitForTimeout(400);
}

/** Ticks every rule warning the save lists (the planner accepting each by name). */
async function acceptAllWarnings() {
  for (const box of await page.locator('[data-testid="accept-warning"]').all()) if (!(await box.isChecked())) await box.check();
}

/** A save through the API with every rule warning it names accepted. */
async function putAccepting(body: { areas: unknown[] }) {
  const first = await api<{ problems?: Array<{ severity: string; code: string; ids?: string[] }> }>('PUT', `/api/communities/${community.id}/plan`, body);
  if (first.status !== 422 || first.body.problems!.some((p) => p.severity !== 'warning')) return first;
  return api('PUT', `/api/communities/${community.id}/plan`, { ...body, acceptWarnings: first.body.problems!.map((p) => `${p.code}:${(p.ids ?? []).join(',')}`) });
}

async function clickAt(lngLat: [number, number], double = false) {
  const [x, y] = await page.evaluate((p) => window.__gridmap!.project(p), lngLat);
  if (double) await page.mouse.dblclick(x, y);
  else await page.mouse.click(x, y);
}

beforeAll(async () => {
  server = await serverUnderTest();
  chromium = await openBrowser({ expected: (status, pathname) => ((status === 409 || status === 422) && pathname.endsWith('/plan')) });
  page = chromium.page;
  await page.setViewportSize({ width: 1400, height: 900 });
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('area editor', () => {
  it('opens from a community of the planner’s town on the grid', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-planner');
    await page.locator('[data-testid="login-password"]').fill('gridmap-planner');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();
    cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const me = (await api<{ user: { towns: string[] } }>('GET', '/api/auth/me')).body.user;
    const towns = (await api<UnitCollection>('GET', '/api/layers/towns')).body.features;
    const town = towns.find((t) => t.id === me.towns[0] || t.properties.id === me.towns[0])!;
    const communities = (await api<UnitCollection>('GET', `/api/layers/communities?town=${town.properties.id}`)).body.features;
    // A community with a few areas and not too many buildings: the lasso should take some of them.
    for (const c of communities) {
      community = { id: String(c.properties.id), name: String(c.properties.name) };
      const plan = await getPlan();
      if (plan.areas.length >= 2 && plan.areas.length <= 6 && plan.buildings.length >= 30) break;
    }
    for (const unit of [{ id: String(town.properties.id), name: String(town.properties.name) }, community]) {
      await page.locator(`[data-testid="child-list"] button[data-id="${unit.id}"]`).click({ timeout: 30_000 });
      await expect.poll(() => page.locator('[data-testid="info-name"]').textContent(), { timeout: 20_000 }).toBe(unit.name);
      await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    }
    await page.locator('[data-testid="open-plan"]').click();
    await page.locator('[data-testid="metrics-table"]').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/plan?community=${community.id}`);
    await page.locator('[data-testid="plan-map"][data-loaded="true"]').waitFor({ timeout: 30_000 });
    await page.evaluate(() => window.__gridmap!.whenIdle());
    expect(await rowCount()).toBe((await getPlan()).areas.length);
    await chromium.shot('plan-open');
  });

  it('draws an area with the mouse, shows it in the metrics, and saves it', async () => {
    const before = await getPlan();
    const areasBefore = await rowCount();
    // A box over the westmost fifth of the buildings, as long as no area loses all of its own.
    const lngs = before.buildings.map((b) => b.lng).sort((a, b) => a - b);
    const lats = before.buildings.map((b) => b.lat);
    const [south, north] = [Math.min(...lats), Math.max(...lats)];
    const pad = (north - south) * 0.02 + 1e-5;
    let cut = lngs[Math.floor(lngs.length / 5)]!;
    const inside = () => before.buildings.filter((b) => b.lng < cut).map((b) => b.id);
    while (before.areas.some((a) => before.buildings.filter((b) => b.areaId === a.id).every((b) => b.lng < cut))) cut = (cut + lngs[0]!) / 2;
    const expected = inside();
    expect(expected.length).toBeGreaterThan(0);
    const ring: [number, number][] = [[lngs[0]! - pad, south - pad], [cut, south - pad], [cut, north + pad], [lngs[0]! - pad, north + pad]];

    await page.keyboard.press('l');
    await expect.poll(() => page.locator('[data-testid="tool-draw"]').getAttribute('aria-checked')).toBe('true');
    for (const vertex of ring.slice(0, -1)) await clickAt(vertex);
    await clickAt(ring[ring.length - 1]!, true);

    await expect.poll(rowCount).toBe(areasBefore + 1);
    const drawn = page.locator('[data-testid="metrics-row"]').last();
    expect(Number(await drawn.getAttribute('data-buildings'))).toBe(expected.length);
    await settle();
    await chromium.shot('plan-drawn');

    await acceptAllWarnings();
    await page.locator('[data-testid="save-plan"]').click();
    await page.locator('[data-testid="saved"]').waitFor({ timeout: 30_000 });
    const after = await getPlan();
    expect(after.areas).toHaveLength(before.areas.length + 1);
    const fresh = after.areas.find((a) => !before.areas.some((b) => b.id === a.id))!;
    expect(after.buildings.filter((b) => b.areaId === fresh.id).map((b) => b.id).sort()).toEqual(expected.sort());
  });

  it('paints with the brush by dragging, and undoes and redoes the stroke from the keyboard', async () => {
    const plan = await getPlan();
    const first = page.locator('[data-testid="metrics-row"]').first();
    const activeId = await first.getAttribute('data-area');
    await first.locator('button').click();
    const target = plan.buildings.find((b) => b.areaId !== activeId)!;
    const count = async () => Number(await first.getAttribute('data-buildings'));
    const before = await count();
    await page.keyboard.press('b');
    const [x, y] = await page.evaluate((p) => window.__gridmap!.project(p), [target.lng, target.lat] as [number, number]);
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 10, y + 5, { steps: 3 });
    await page.mouse.up();
    await expect.poll(count).toBeGreaterThan(before);
    const painted = await count();
    await settle();
    await chromium.shot('plan-brush');
    await page.keyboard.press('Control+z');
    await expect.poll(count).toBe(before);
    await page.keyboard.press('Control+y');
    await expect.poll(count).toBe(painted);
    await page.keyboard.press('Control+z');
    await expect.poll(count).toBe(before);
  });

  it('makes a stroke that starts on empty ground and then crosses buildings one undo step, with unsaved changes', async () => {
    const plan = await getPlan();
    const first = page.locator('[data-testid="metrics-row"]').first();
    const activeId = await first.getAttribute('data-area');
    await first.locator('button').click();
    const count = async () => Number(await first.getAttribute('data-buildings'));
    const before = await count();
    expect(await page.locator('[data-testid="undo"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="unsaved"]').count()).toBe(0);
    // From far west of every building, across to a building of another area.
    const target = plan.buildings.filter((b) => b.areaId !== activeId).sort((a, b) => a.lng - b.lng)[0]!;
    const westmost = Math.min(...plan.buildings.map((b) => b.lng));
    const empty: [number, number] = [westmost - 0.004, target.lat];
    await page.keyboard.press('b');
    const [x0, y0] = await page.evaluate((p) => window.__gridmap!.project(p), empty);
    const [x1, y1] = await page.evaluate((p) => window.__gridmap!.project(p), [target.lng, target.lat] as [number, number]);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, { steps: 12 });
    await page.mouse.up();
    await expect.poll(count).toBeGreaterThan(before);
    expect(await page.locator('[data-testid="undo"]').isDisabled()).toBe(false);
    await page.locator('[data-testid="unsaved"]').waitFor();
    await page.locator('[data-testid="undo"]').click();
    await expect.poll(count).toBe(before);
    expect(await page.locator('[data-testid="undo"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="unsaved"]').count()).toBe(0);
  });

  it('refuses a save with a rule warning not accepted, and saves once the planner ticks it from the keyboard', async () => {
    const plan = await getPlan();
    const first = page.locator('[data-testid="metrics-row"]').first();
    const activeId = (await first.getAttribute('data-area'))!;
    await first.locator('button').click();
    // A building of another area far from this one: painted in, it leaves this area in two pieces.
    const own = plan.buildings.filter((b) => b.areaId === activeId);
    const far = plan.buildings.filter((b) => b.areaId !== activeId).sort((a, b) => Math.min(...own.map((o) => Math.hypot(o.lng - b.lng, o.lat - b.lat))) - Math.min(...own.map((o) => Math.hypot(o.lng - a.lng, o.lat - a.lat))))[0]!;
    await page.keyboard.press('b');
    await page.locator('[data-testid="brush-radius"]').fill('10');
    await clickAt([far.lng, far.lat]);
    const split = page.locator(`[data-testid="plan-warning"][data-key="not_contiguous:${activeId}"]`);
    await split.waitFor();
    expect(await split.textContent()).toContain('不连片');
    for (const box of await page.locator('[data-testid="plan-warning"]:not([data-key^="not_contiguous"]) [data-testid="accept-warning"]').all()) await box.check();
    await page.locator('[data-testid="save-plan"]').click();
    await page.locator('[data-testid="save-problems"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="save-problems"]').textContent()).toContain('未保存');
    expect(buildingSets(await getPlan())).toEqual(buildingSets(plan));
    // Keyboard: focus the warning's checkbox, Space ticks it.
    await split.locator('[data-testid="accept-warning"]').focus();
    await page.keyboard.press('Space');
    expect(await split.locator('[data-testid="accept-warning"]').isChecked()).toBe(true);
    await page.locator('[data-testid="save-plan"]').click();
    await page.locator('[data-testid="saved"]').waitFor({ timeout: 30_000 });
    expect((await getPlan()).buildings.find((b) => b.id === far.id)!.areaId).toBe(activeId);
    await page.locator('[data-testid="brush-radius"]').fill('60');
  });

  it('runs a proposal, accepts it, saves, and the saved areas are its groups', async () => {
    await page.locator('[data-testid="proposal-k"]').fill('3');
    const answer = page.waitForResponse((r) => r.url().endsWith('/proposal') && r.request().method() === 'POST');
    await page.locator('[data-testid="propose"]').click();
    const proposal = (await (await answer).json()) as Proposal;
    await expect.poll(() => page.locator('[data-testid="proposal-row"]').count()).toBe(3);
    await page.locator('[data-testid="accept-proposal"]').scrollIntoViewIfNeeded();
    await settle();
    await chromium.shot('plan-proposal');
    await page.locator('[data-testid="accept-proposal"]').click();
    await expect.poll(rowCount).toBe(3);
    expect(await page.locator('[data-testid="unassigned-row"]').getAttribute('data-buildings')).toBe('0');
    // The proposal's groups are contiguous by the plan's rule: no area of it is called split.
    expect(await page.locator('[data-testid="plan-warning"][data-key^="not_contiguous"]').count()).toBe(0);
    await acceptAllWarnings();
    await page.locator('[data-testid="save-plan"]').click();
    await page.locator('[data-testid="saved"]').waitFor({ timeout: 30_000 });
    const saved = await getPlan();
    expect(saved.areas).toHaveLength(3);
    expect(buildingSets(saved)).toEqual(proposal.groups.map((g) => [...g.buildingIds].sort().join(',')).sort());
    await settle();
    await chromium.shot('plan-accepted');
  });

  it('refuses a save from stale versions and offers to reload', async () => {
    const current = await getPlan();
    const renamed = { ...current.areas[0]!, name: `${current.areas[0]!.name}（改）` };
    const other = await putAccepting({
      areas: current.areas.map((a) => ({
        id: a.id,
        version: a.version,
        name: a.id === renamed.id ? renamed.name : a.name,
        buildings: current.buildings.filter((b) => b.areaId === a.id).map((b) => b.id),
      })),
    });
    expect(other.status).toBe(200);
    // The page still holds the old versions.
    await page.locator('[data-testid="save-plan"]').click();
    await page.locator('[data-testid="save-conflict"]').waitFor({ timeout: 30_000 });
    await chromium.shot('plan-conflict');
    expect((await getPlan()).areas.find((a) => a.id === renamed.id)!.name).toBe(renamed.name);
    await page.locator('[data-testid="reload-plan"]').click();
    await expect.poll(() => page.locator('[data-testid="metrics-row"] th').first().textContent()).toContain(renamed.name);
  });

  it("lists a refused save's problems, marks them on the map, and saves nothing", async () => {
    const before = buildingSets(await getPlan());
    await page.locator('[data-testid="metrics-row"]').first().locator('button').click();
    await page.locator('[data-testid="delete-area"]').click();
    const unassigned = page.locator('[data-testid="unassigned-row"]');
    await expect.poll(async () => Number(await unassigned.getAttribute('data-buildings'))).toBeGreaterThan(0);
    await page.locator('[data-testid="save-plan"]').click();
    await page.locator('[data-testid="save-problems"]').waitFor({ timeout: 30_000 });
    expect(await page.locator('[data-testid="save-problem"]').allTextContents()).toContainEqual(expect.stringContaining('未划入任何片区'));
    await settle();
    await chromium.shot('plan-problems');
    expect(buildingSets(await getPlan())).toEqual(before);
    await page.keyboard.press('Control+z');
    await expect.poll(() => unassigned.getAttribute('data-buildings')).toBe('0');
  });

  it('loads nothing from outside the origin and raises no errors', () => {
    expect(chromium.foreignRequests(server.url)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
