// Accounts in a real browser against the real server: a lock-out message, an admin creating a
// planner with a town, seeing it in the list and the audit log, a 409 explained and reloaded,
// logging out; then that planner revealing an area lead's phone. Nothing leaves the origin.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';
import type { AuditPage, UnitCollection, UnitDetail, UserAccount } from '../../client/shared/api/types';

const PLANNER = { username: 'e2e-planner', displayName: '测试规划员', password: 'e2e-planner-pass' };

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;

async function api<T>(pathAndQuery: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`, init);
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}

async function adminCookie(): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo-admin', password: 'gridmap-admin' }),
  });
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

const shot = (name: string) => chromium.shot(name);

async function logIn(username: string, password: string) {
  await page.locator('[data-testid="nav-login"]').click();
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.keyboard.press('Enter');
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

describe('accounts in the browser', () => {
  let town: { id: string; name: string };
  let planner: UserAccount;

  it('tells a locked-out user how long to wait', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').waitFor();
    await logIn('demo-leader', 'wrong-password');
    await expect.poll(() => page.locator('[data-testid="login-error"]').textContent()).toBe('用户名或密码错误。');
    for (let i = 2; i <= 5; i++) {
      await page.locator('[data-testid="login-password"]').fill(`wrong-${i}`);
      await page.locator('[data-testid="login-password"]').press('Enter');
      if (i < 5) await page.locator('[data-testid="login-submit"]:not([disabled])').waitFor();
    }
    await expect.poll(() => page.locator('[data-testid="login-error"]').textContent()).toMatch(/已暂时锁定。请在 (\d+) 秒后再试。$/);
    const seconds = Number(/(\d+) 秒/.exec((await page.locator('[data-testid="login-error"]').textContent())!)![1]);
    expect(seconds).toBeGreaterThan(50);
    expect(seconds).toBeLessThanOrEqual(60);
    expect(await page.locator('[data-testid="login-submit"]').isDisabled()).toBe(true);
    await shot('11-login-locked');
  });

  it('logs in as admin and lands on the admin page with the users', async () => {
    // The lock-out of demo-leader keeps the button disabled for a minute; a new page starts clean.
    await page.goto(`${server.url}/login`);
    await page.locator('[data-testid="login-username"]').fill('demo-admin');
    await page.locator('[data-testid="login-password"]').fill('gridmap-admin');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="users-table"] tr[data-username="demo-admin"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin');
    expect(await page.locator('[data-testid="session-user"]').textContent()).toContain('演示管理员 · 管理员');
  });

  it('creates a planner with a town and sees it in the list', async () => {
    const towns = await api<UnitCollection>('/api/layers/towns');
    town = { id: String(towns.features[0]!.properties.id), name: towns.features[0]!.properties.name! };
    await page.locator('[data-testid="user-new"]').click();
    await page.locator('[data-testid="form-username"]').fill(PLANNER.username);
    await page.locator('[data-testid="form-display"]').fill(PLANNER.displayName);
    await page.locator('[data-testid="form-role"]').selectOption('planner');
    await page.locator(`[data-testid="form-towns"] input[value="${town.id}"]`).check();
    await page.locator('[data-testid="form-password"]').fill(PLANNER.password);
    await shot('12-admin-create-planner');
    await page.locator('[data-testid="form-save"]').click();
    await expect.poll(() => page.locator('[data-testid="users-notice"]').textContent()).toBe('已保存。');
    const row = page.locator(`[data-testid="users-table"] tr[data-username="${PLANNER.username}"]`);
    expect(await row.locator('[data-col="role"]').textContent()).toBe('规划员');
    expect(await row.locator('[data-col="towns"]').textContent()).toBe(town.name);
    const cookie = await adminCookie();
    const { users } = await api<{ users: UserAccount[] }>('/api/users', { headers: { cookie } });
    planner = users.find((u) => u.username === PLANNER.username)!;
    expect(planner).toMatchObject({ role: 'planner', towns: [town.id], displayName: PLANNER.displayName, version: 1 });
    await shot('13-admin-users');
  });

  it('explains a 409 when someone else changed the account first, and reloads it', async () => {
    await page.locator(`[data-testid="users-table"] tr[data-username="${PLANNER.username}"] button[data-action="edit"]`).click();
    await page.locator('[data-testid="form-display"]').fill('改了名字');
    // Meanwhile another admin renames the planner.
    const cookie = await adminCookie();
    await api(`/api/users/${planner.id}`, {
      method: 'PATCH',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, displayName: '别人改的' }),
    });
    await page.locator('[data-testid="form-save"]').click();
    const problem = page.locator('[data-testid="users-problem"]');
    await expect.poll(() => problem.getAttribute('data-kind')).toBe('stale');
    expect(await problem.textContent()).toContain('当前为第 2 版');
    await shot('14-admin-conflict');
    await page.locator('[data-testid="users-reload"]').click();
    await problem.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid="form-display"]').inputValue()).toBe('别人改的');
    await page.locator('[data-testid="form-display"]').fill(PLANNER.displayName);
    await page.locator('[data-testid="form-save"]').click();
    await expect.poll(() => page.locator('[data-testid="users-notice"]').textContent()).toBe('已保存。');
  });

  it('shows the creation in the audit log, filtered by action', async () => {
    await page.locator('[data-testid="tab-audit"]').click();
    await page.locator('[data-testid="audit-table"] tbody tr').first().waitFor();
    await page.locator('[data-testid="audit-action"]').selectOption('user_create');
    await page.locator('[data-testid="audit-search"]').click();
    await expect.poll(() => page.locator('[data-testid="audit-table"] tbody tr:not([data-action="user_create"])').count()).toBe(0);
    const created = page.locator('[data-testid="audit-table"] tbody tr[data-action="user_create"]', { hasText: PLANNER.username });
    await created.waitFor();
    expect(await created.locator('[data-col="actor"]').textContent()).toBe('demo-admin');
    expect(await created.locator('[data-col="object"]').textContent()).toBe(`user ${planner.id}`);
    await shot('15-admin-audit');
    await page.locator('[data-testid="audit-actor"]').fill('nobody-at-all');
    await page.locator('[data-testid="audit-search"]').click();
    await page.locator('[data-testid="audit-empty"]').waitFor();
    expect(await page.locator('[data-testid="audit-newer"]').isDisabled()).toBe(true);
    expect(await page.locator('[data-testid="audit-older"]').isDisabled()).toBe(true);
  });

  it('logs out', async () => {
    await page.locator('[data-testid="logout"]').click();
    await page.locator('[data-testid="nav-login"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('[data-testid="session-user"]').count()).toBe(0);
  });

  it('lets the new planner reveal the phone of an area lead in their town, audited', async () => {
    await page.locator('[data-testid="map"][data-loaded="true"]').waitFor({ timeout: 60_000 });
    await logIn(PLANNER.username, PLANNER.password);
    await expect.poll(() => page.locator('[data-testid="session-user"]').textContent()).toContain(`${PLANNER.displayName} · 规划员`);
    const community = (await api<UnitCollection>(`/api/layers/communities?town=${town.id}`)).features[0]!;
    const area = (await api<UnitCollection>(`/api/layers/areas?community=${community.properties.id}`)).features[0]!;
    const detail = await api<UnitDetail>(`/api/units/area/${area.properties.id}`);
    for (const id of [town.id, community.properties.id, area.properties.id]) {
      await page.locator(`[data-testid="child-list"] button[data-id="${id}"]`).click();
      await expect.poll(() => page.locator('[data-testid="info-name"]').textContent()).not.toBe('');
      await page.locator('[data-testid="breadcrumb"] [aria-current="page"]').filter({ hasText: /.+/ }).waitFor();
    }
    await expect.poll(() => page.locator('[data-testid="info-name"]').textContent()).toBe(detail.name);
    const phone = page.locator('[data-testid="info-lead-phone"]');
    expect(await phone.textContent()).toBe(detail.lead!.phone);
    expect(detail.lead!.phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    await page.locator('[data-testid="reveal-phone"]').click();
    await expect.poll(() => phone.textContent()).toMatch(/^1\d{10}$/);
    const full = (await phone.textContent())!;
    expect(full.slice(0, 3) + '****' + full.slice(-4)).toBe(detail.lead!.phone);
    expect(await page.locator('[data-testid="reveal-phone"]').count()).toBe(0);
    await shot('16-planner-reveal');

    const cookie = await adminCookie();
    const log = await api<AuditPage>(`/api/audit?action=reveal&actor=${PLANNER.username}`, { headers: { cookie } });
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]).toMatchObject({ objectType: 'area', objectId: area.properties.id });
    expect(JSON.stringify(log)).not.toContain(full);
  });

  it('loaded nothing from outside its own origin, and failed only where it should', () => {
    const origin = new URL(server.url).origin;
    expect(chromium.foreignRequests(origin)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    // Four wrong passwords (401), the lock-out (429), the conflict (409).
    const expected = new Set(['401 /api/auth/login', '429 /api/auth/login', `409 /api/users/${planner.id}`]);
    expect(chromium.failedResponses.filter((r) => !expected.has(r))).toEqual([]);
    expect(chromium.failedResponses).toContain('429 /api/auth/login');
  });
});
