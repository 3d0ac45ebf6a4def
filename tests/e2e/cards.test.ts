// Service cards and the resident page in a real browser against the real server: staff open a
// community's cards from the info panel, one card per area, printed one to an A6 page, the QR
// code on screen decodes to the resident page; a resident finds their address and sees only
// the card's fields, and is told to slow down after too many searches. Nothing leaves the origin.
import fs from 'node:fs';
import path from 'node:path';
import jsQR from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { UnitCollection } from '../../client/api/types';
import type { CommunityCards } from '../../server/features/cards/service';
import { ARTIFACTS, openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

/** A6 in PDF points (1/72 inch): 105 mm × 148 mm. */
const A6_POINTS = [(105 / 25.4) * 72, (148 / 25.4) * 72];

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;

async function api<T>(pathAndQuery: string, cookie?: string): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`, { headers: cookie ? { cookie } : {} });
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}

/** Decodes the QR code in a PNG screenshot: the page's own canvas reads the pixels, jsQR reads the code. */
async function decodeQr(page: Page, png: Buffer): Promise<string | undefined> {
  const { width, height, data } = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    return { width: img.width, height: img.height, data: Array.from(g.getImageData(0, 0, img.width, img.height).data) };
  }, `data:image/png;base64,${png.toString('base64')}`);
  return jsQR(Uint8ClampedArray.from(data), width, height)?.data;
}

beforeAll(async () => {
  server = await serverUnderTest();
  // The resident page is told to slow down on purpose.
  chromium = await openBrowser({ expected: (status, pathname) => (status === 429 && pathname.startsWith('/api/public/')) });
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('service cards', () => {
  let page: Page;
  let community: { id: string; name: string };
  let areas: UnitCollection;

  it("opens a community's cards from the info panel: one card per area, as the API has them", async () => {
    page = await chromium.openPage({ viewport: { width: 1280, height: 900 } });
    const town = (await api<UnitCollection>('/api/layers/towns')).features[0]!;
    const communities = (await api<UnitCollection>(`/api/layers/communities?town=${town.id}`)).features;
    // A community with several areas, so "one card per area" means something.
    for (const c of communities) {
      areas = await api<UnitCollection>(`/api/layers/areas?community=${c.id}`);
      community = { id: String(c.id), name: String(c.properties.name) };
      if (areas.features.length >= 3) break;
    }
    expect(areas.features.length).toBeGreaterThanOrEqual(2);

    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-staff');
    await page.locator('[data-testid="login-password"]').fill('gridmap-staff');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();
    // Each step waits until the panel shows the unit and its children, as a user would.
    for (const unit of [{ id: String(town.id), name: String(town.properties.name) }, community]) {
      await page.locator(`[data-testid="child-list"] button[data-id="${unit.id}"]`).click({ timeout: 30_000 });
      await page.locator('[data-testid="breadcrumb"] [aria-current="page"]', { hasText: unit.name }).waitFor({ timeout: 20_000 });
      await expect.poll(() => page.locator('[data-testid="info-name"]').textContent()).toBe(unit.name);
      await page.locator('[data-testid="child-list"][aria-busy="false"]').waitFor({ timeout: 20_000 });
    }
    await page.locator('[data-testid="open-cards"]').click();

    await page.locator('[data-testid="service-card"]').first().waitFor({ timeout: 20_000 });
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe(`/cards?community=${community.id}`);
    expect(await page.locator('[data-testid="service-card"]').count()).toBe(areas.features.length);
    expect(await page.locator('[data-testid="cards-title"]').textContent()).toContain(community.name);

    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    const cards = await api<CommunityCards>(`/api/cards/community/${community.id}`, cookie);
    for (const card of cards.cards) {
      const el = page.locator(`[data-testid="service-card"][data-area="${card.area.id}"]`);
      expect(await el.locator('[data-testid="card-area"]').textContent()).toBe(card.area.name);
      expect(await el.locator('[data-testid="card-lead"]').textContent()).toBe(card.lead.name);
      expect(await el.locator('[data-testid="card-phone"]').textContent()).toBe(card.lead.phone);
      expect(await el.locator('[data-testid="card-map"] circle.building').count()).toBe(card.buildings.length);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'cards-screen.png'), fullPage: true });
  });

  it('has a QR code on screen that a reader decodes to the area’s resident page', async () => {
    const first = page.locator('[data-testid="service-card"]').first();
    const areaId = await first.getAttribute('data-area');
    const png = await first.locator('[data-testid="card-qr"]').screenshot();
    expect(await decodeQr(page, png)).toBe(`${server.url}/resident?area=${areaId}`);
  });

  it('prints one card to each A6 page', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    await page.locator('[data-testid="service-card"]').first().screenshot({ path: path.join(ARTIFACTS, 'card-print.png') });
    const pdf = (await page.pdf({ preferCSSPageSize: true, printBackground: true })).toString('latin1');
    fs.writeFileSync(path.join(ARTIFACTS, 'cards.pdf'), pdf, 'latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(boxes.length).toBe(areas.features.length);
    for (const [w, h] of boxes) {
      expect(Math.abs(w! - A6_POINTS[0]!)).toBeLessThan(1);
      expect(Math.abs(h! - A6_POINTS[1]!)).toBeLessThan(1);
    }
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints only the chosen area from an area’s info panel', async () => {
    const area = areas.features[1]!;
    await page.goto(`${server.url}/cards?community=${community.id}&area=${area.id}`);
    await page.locator('[data-testid="service-card"]').first().waitFor();
    expect(await page.locator('[data-testid="service-card"]').count()).toBe(1);
    expect(await page.locator('[data-testid="service-card"]').getAttribute('data-area')).toBe(String(area.id));
  });

  it('tells a visitor who is not signed in to sign in, with no card shown', async () => {
    const anon = await chromium.openPage();
    await anon.goto(`${server.url}/cards?community=${community.id}`);
    await expect.poll(() => anon.locator('[data-testid="cards-problem"]').textContent()).toContain('请先登录');
    expect(await anon.locator('[data-testid="service-card"]').count()).toBe(0);
  });
});

describe('the public resident page', () => {
  let page: Page;
  const publicAnswers: string[] = [];

  it('finds an address and shows only the card’s fields', async () => {
    page = await chromium.openPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    page.on('response', async (r) => {
      if (new URL(r.url()).pathname.startsWith('/api/public/')) publicAnswers.push(await r.text());
    });
    const area = (await api<UnitCollection>('/api/layers/areas')).features[0]!;
    const building = (await api<UnitCollection>(`/api/layers/buildings?area=${area.id}`)).features[0]!;
    const address = String(building.properties.address);
    const unit = await api<{ org: { secretary: string } }>(`/api/units/area/${area.id}`);

    await page.goto(`${server.url}/resident`);
    await page.locator('[data-testid="resident-query"]').fill(address);
    await page.keyboard.press('Enter');
    const first = page.locator('[data-testid="resident-card"]').first();
    await first.waitFor();
    expect(await first.locator('[data-testid="resident-address"]').textContent()).toBe(address);
    expect(await first.getAttribute('data-area')).toBe(String(area.id));
    expect(await first.locator('[data-testid="resident-area"]').textContent()).toBe(area.properties.name);
    expect(await first.locator('[data-testid="resident-lead"]').textContent()).toBe(area.properties.leadName);
    expect(await first.locator('[data-testid="resident-phone"]').textContent()).toMatch(/^1\d{10}$/);
    const text = (await page.locator('main').textContent())!;
    expect(text).not.toContain(unit.org.secretary);
    for (const body of publicAnswers) expect(body).not.toMatch(/households|population|partyMembers|secretary|"group"|building/);
    await page.screenshot({ path: path.join(ARTIFACTS, 'resident-search.png'), fullPage: true });
  });

  it('shows an area’s card straight from the QR code’s link, and switches to English', async () => {
    const area = (await api<UnitCollection>('/api/layers/areas')).features[2]!;
    await page.goto(`${server.url}/resident?area=${area.id}`);
    const card = page.locator('[data-testid="resident-card"]');
    await card.waitFor();
    expect(await card.count()).toBe(1);
    expect(await card.locator('[data-testid="resident-area"]').textContent()).toBe(area.properties.name);
    await page.locator('[data-testid="locale-switch"]').click();
    expect(await page.locator('h1').textContent()).toBe('Who looks after my address?');
    await page.locator('[data-testid="locale-switch"]').click();
  });

  it('says so when nothing matches', async () => {
    await page.goto(`${server.url}/resident`);
    await page.locator('[data-testid="resident-query"]').fill('火星基地九十九号');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="resident-empty"]').waitFor();
  });

  it('asks the resident to wait after too many searches (429)', async () => {
    // Use up this address's resident allowance from outside the page, then search in it.
    for (let i = 0; i < 25; i++) await (await fetch(`${server.url}/api/public/areas/none`)).arrayBuffer();
    await page.locator('[data-testid="resident-query"]').fill('丰湾家园1幢');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="resident-problem"]').textContent()).toBe('查询太频繁，请稍后再试');
    await page.screenshot({ path: path.join(ARTIFACTS, 'resident-429.png'), fullPage: true });
  });

  it('loaded nothing from outside the server and threw no errors', () => {
    expect(chromium.foreignRequests(new URL(server.url).origin)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
  });
});
