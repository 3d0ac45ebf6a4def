// A resident's request end to end, in a real browser against the real server, on phones 390 px
// wide: a resident scans the QR code of a printed service card, files a request from where they
// stand, and keeps the ticket; the area lead signs in on a phone, sees it among the new ones,
// accepts, answers and closes it, and notes a visit in the diary whose follow-up becomes a request;
// the resident sees the answer and the status and rates it; the leader's request map and figures
// count it. Nothing leaves the origin.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { FiguresAnswer, RequestPoints } from '../../server/features/requests/types';
import type { UnitCollection } from '../../client/shared/api/types';
import { ARTIFACTS, openBrowser, type OpenBrowser } from '../support/browser';
import { decodeQr } from '../support/qr';
import { serverUnderTest } from '../support/server';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let leaderCookie = '';
/** The demo lead's area (the first of the demo planner's town), its community and one of its buildings. */
let area = { id: '', community: '', town: '' };
let building = { address: '', lng: 0, lat: 0 };
let ticket = '';
let before = { points: 0, townRequests: 0 };

async function api<T>(pathAndQuery: string, init: RequestInit & { cookie?: string } = {}): Promise<T> {
  const { cookie, ...rest } = init;
  const res = await fetch(`${server.url}${pathAndQuery}`, { ...rest, headers: { ...(rest.headers as Record<string, string>), ...(cookie ? { cookie } : {}) } });
  expect(res.status, pathAndQuery).toBeLessThan(300);
  return (await res.json()) as T;
}

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status).toBe(200);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function signIn(page: Page, username: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.locator('[data-testid="login-username"]').fill(username);
  await page.locator('[data-testid="login-password"]').fill(password);
  await page.keyboard.press('Enter');
}

beforeAll(async () => {
  server = await serverUnderTest();
  chromium = await openBrowser();
  leaderCookie = await login('demo-leader', 'gridmap-leader');
  const me = await api<{ user: { areas: string[] } }>('/api/auth/me', { cookie: await login('demo-lead', 'gridmap-lead') });
  const areas = await api<UnitCollection>('/api/layers/areas');
  const found = areas.features.find((f) => String(f.id) === me.user.areas[0])!;
  area = { id: String(found.id), community: String(found.properties.communityId), town: '' };
  const b = (await api<UnitCollection>(`/api/layers/buildings?area=${area.id}`)).features[0]!;
  const [lng, lat] = (b.geometry as unknown as { coordinates: [number, number] }).coordinates;
  building = { address: String(b.properties.address), lng: lng!, lat: lat! };
  area.town = (await api<{ path: Array<{ level: string; id: string }> }>(`/api/units/area/${area.id}`)).path.find((p) => p.level === 'town')!.id;
  const figures = await api<FiguresAnswer>('/api/requests/figures?level=town', { cookie: leaderCookie });
  before = {
    points: (await api<RequestPoints>('/api/requests/points', { cookie: leaderCookie })).points.length,
    townRequests: figures.rows.find((r) => r.id === area.town)!.requests,
  };
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('a resident’s request, from the printed card to the leader’s map', () => {
  let resident: Page;
  let qrUrl = '';

  it('reads the resident page’s address off the QR code of the area’s printed card', async () => {
    const staff = await chromium.openPage();
    await signIn(staff, 'demo-staff', 'gridmap-staff');
    await staff.locator('[data-testid="session-user"]').waitFor();
    await staff.goto(`${server.url}/cards?community=${area.community}&area=${area.id}`);
    const card = staff.locator(`[data-testid="service-card"][data-area="${area.id}"]`);
    await card.waitFor({ timeout: 20_000 });
    qrUrl = (await decodeQr(staff, await card.locator('[data-testid="card-qr"]').screenshot()))!;
    expect(qrUrl).toBe(`${server.url}/resident?area=${area.id}`);
    await staff.context().close();
  });

  it('files a request from the phone where the resident stands, with a phone and its consent, and shows the ticket to keep', async () => {
    resident = await chromium.openPage({ ...PHONE, geolocation: { longitude: building.lng, latitude: building.lat, accuracy: 15 }, permissions: ['geolocation'] });
    await resident.goto(qrUrl);
    await resident.locator('[data-testid="resident-card"]').waitFor();
    await resident.locator('[data-testid="resident-tab-file"]').click();
    await resident.locator('[data-testid="resident-request-category"]').selectOption('repair');
    await resident.locator('[data-testid="resident-request-text"]').fill('楼道灯坏了，晚上上下楼看不清');
    await resident.locator('[data-testid="resident-request-locate"]').click();
    await resident.locator('[data-testid="resident-request-located"]').waitFor();
    await resident.locator('[data-testid="resident-request-phone"]').fill('13800005555');
    await resident.locator('[data-testid="resident-request-consent"]').check();
    await resident.screenshot({ path: path.join(ARTIFACTS, 'request-file-phone.png'), fullPage: true });
    await resident.locator('[data-testid="resident-request-submit"]').click();
    const shown = resident.locator('[data-testid="resident-ticket"]');
    await shown.waitFor();
    ticket = (await shown.textContent())!.trim();
    expect(ticket).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await resident.locator('[data-testid="resident-status"]').getAttribute('data-status')).toBe('assigned');
    expect(new URL(resident.url()).search).toBe(`?ticket=${encodeURIComponent(ticket)}`);
    // A phone page: nothing wider than the screen.
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await resident.screenshot({ path: path.join(ARTIFACTS, 'request-ticket-phone.png'), fullPage: true });
  });

  it('reaches the area lead on a phone among the new requests; the lead accepts, answers and closes it, then keeps the visit diary', async () => {
    const lead = await chromium.openPage(PHONE);
    await signIn(lead, 'demo-lead', 'gridmap-lead');
    await lead.locator('[data-testid="requests-view"]').waitFor();
    expect(new URL(lead.url()).pathname).toBe('/requests');
    const row = lead.locator(`[data-testid="request-row"][data-id="${ticket}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(await lead.locator('[data-testid="requests-new-count"]').textContent()).toMatch(/新派 \d+/);
    expect(await row.getAttribute('data-status')).toBe('assigned');
    await lead.screenshot({ path: path.join(ARTIFACTS, 'request-lead-list-phone.png'), fullPage: true });
    await row.click();
    const detail = lead.locator(`[data-testid="request-detail"][data-id="${ticket}"]`);
    await detail.waitFor();
    expect(await lead.locator('[data-testid="request-text"]').textContent()).toBe('楼道灯坏了，晚上上下楼看不清');
    expect(await lead.locator('[data-testid="request-requester"]').textContent()).toContain('138****5555');
    await lead.locator('[data-testid="request-reveal"]').click();
    await expect.poll(() => lead.locator('[data-testid="request-phone"]').textContent()).toBe('13800005555');

    await lead.locator('[data-testid="step-accept"]').click();
    await expect.poll(() => detail.getAttribute('data-status')).toBe('in_progress');
    for (const [step, words] of [
      ['reply', '已联系物业电工，今天下午上门'],
      ['close', '已更换楼道灯，恢复照明'],
    ] as const) {
      await lead.locator(`[data-testid="step-${step}"]`).click();
      await lead.locator('[data-testid="step-text"]').fill(words);
      await lead.locator('[data-testid="step-submit"]').click();
      await lead.locator('[data-testid="step-form"]').waitFor({ state: 'detached' });
    }
    await expect.poll(() => detail.getAttribute('data-status')).toBe('closed');
    expect(await lead.locator('[data-testid="request-history"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-event')))).toEqual([
      'filed', 'assign', 'accept', 'reply', 'close',
    ]);
    expect(await lead.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await lead.screenshot({ path: path.join(ARTIFACTS, 'request-lead-closed-phone.png'), fullPage: true });

    // The visit diary on the same phone: a visit with a follow-up, which then becomes a request.
    await lead.locator('[data-testid="requests-tab-diary"]').click();
    await lead.locator('[data-testid="visit-building"] option').first().waitFor({ state: 'attached' });
    await lead.locator('[data-testid="visit-household"]').fill('2单元301');
    await lead.locator('[data-testid="visit-heard"]').fill('老人独居，做饭不便');
    await lead.locator('[data-testid="visit-follow-up"]').fill('协助申请助餐服务');
    await lead.locator('[data-testid="visit-save"]').click();
    await expect.poll(() => lead.locator('[data-testid="diary-message"]').textContent()).toBe('已记下。');
    const visit = lead.locator('[data-testid="visit-list"] li').first();
    await visit.locator('[data-testid="visit-to-request"]').click();
    await visit.locator('select').selectOption('elderly');
    await visit.locator('button[type="submit"]').click();
    await expect.poll(() => lead.locator('[data-testid="diary-message"]').textContent()).toMatch(/^已转为诉求 [2-9A-Z]{4}-[2-9A-Z]{4}$/);
    expect(await lead.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await lead.screenshot({ path: path.join(ARTIFACTS, 'request-diary-phone.png'), fullPage: true });
    await lead.context().close();
  });

  it('shows the resident the answer and the closed status by the ticket, and takes the rating', async () => {
    await resident.goto(`${server.url}/resident?ticket=${encodeURIComponent(ticket)}`);
    await expect.poll(() => resident.locator('[data-testid="resident-status"]').getAttribute('data-status')).toBe('closed');
    const updates = (await resident.locator('[data-testid="resident-updates"]').textContent())!;
    expect(updates).toContain('已联系物业电工，今天下午上门');
    expect(updates).toContain('已更换楼道灯，恢复照明');
    await resident.locator('[data-testid="resident-rate-5"]').check();
    await resident.locator('[data-testid="resident-rate-submit"]').click();
    await expect.poll(() => resident.locator('[data-testid="resident-rated"]').textContent()).toBe('您的评价：5 星。谢谢！');
    expect(await resident.locator('main').textContent()).not.toContain('13800005555');
    await resident.screenshot({ path: path.join(ARTIFACTS, 'request-rated-phone.png'), fullPage: true });
  });

  it('counts it on the leader’s request map and in the town’s figures', async () => {
    const leader = await chromium.openPage({ viewport: { width: 1400, height: 900 } });
    await signIn(leader, 'demo-leader', 'gridmap-leader');
    await leader.locator('[data-testid="session-user"]').waitFor();
    await leader.locator('[data-testid="nav-request-map"]').click();
    const count = leader.locator('[data-testid="request-map-count"]');
    // The resident's request and the one the diary's follow-up became.
    await expect.poll(() => count.getAttribute('data-count'), { timeout: 30_000 }).toBe(String(before.points + 2));
    const townRow = leader.locator(`[data-testid="request-figures-row"][data-id="${area.town}"] [data-testid="figure-requests"]`);
    await expect.poll(() => townRow.textContent()).toBe(String(before.townRequests + 2));
    await leader.evaluate(() => (window as unknown as { __gridmap?: { whenIdle(): Promise<void> } }).__gridmap?.whenIdle());
    await leader.locator('[data-testid="request-mode-hexes"]').check();
    await leader.evaluate(() => (window as unknown as { __gridmap?: { whenIdle(): Promise<void> } }).__gridmap?.whenIdle());
    await leader.screenshot({ path: path.join(ARTIFACTS, 'request-map.png') });
    // The town's own map has it too.
    await leader.locator('[data-testid="request-map-town"]').selectOption(area.town);
    const inTown = (await api<RequestPoints>(`/api/requests/points?town=${area.town}`, { cookie: leaderCookie })).points.length;
    await expect.poll(() => count.getAttribute('data-count'), { timeout: 30_000 }).toBe(String(inTown));
  });

  it('loaded nothing from outside the server and threw no errors', () => {
    expect(chromium.foreignRequests(new URL(server.url).origin)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
