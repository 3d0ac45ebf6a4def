// Service cards and the resident page in a real browser against the real server: staff open a
// community's cards from the info panel, one card per area with the estates it covers, printed
// one to an A6 page, the QR code on screen decodes to the resident page at the configured
// GRIDMAP_PUBLIC_URL (not the host the page was opened with); a resident finds their address and sees only
// the card's fields, and is told to slow down after too many searches. Nothing leaves the origin.
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { UnitCollection } from '../../client/shared/api/types';
import type { CommunityCards } from '../../server/features/cards/service';
import { ARTIFACTS, openBrowser, type OpenBrowser } from '../support/browser';
import { decodeQr } from '../support/qr';
import { startServer } from '../support/server';

/** Where residents' phones reach the server on the county's intranet: not where the test opens it. */
const PUBLIC_URL = 'http://10.8.0.5:8080';

/** A6 in PDF points (1/72 inch): 105 mm × 148 mm. */
const A6_POINTS = [(105 / 25.4) * 72, (148 / 25.4) * 72];

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;

async function api<T>(pathAndQuery: string, cookie?: string): Promise<T> {
  const res = await fetch(`${server.url}${pathAndQuery}`, { headers: cookie ? { cookie } : {} });
  expect(res.status, pathAndQuery).toBe(200);
  return (await res.json()) as T;
}

beforeAll(async () => {
  // A server of its own: the public address is a setting of the process.
  server = await startServer({ GRIDMAP_PUBLIC_URL: `${PUBLIC_URL}/` });
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
      expect(card.covers.length).toBeGreaterThan(0);
      const covers = card.covers.map((c) => (c.buildings ? `${c.estate} ${c.buildings}` : c.estate)).join('；');
      expect(await el.locator('[data-testid="card-covers"]').textContent()).toBe(`服务范围：${covers}`);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, 'cards-screen.png'), fullPage: true });
  });

  it('has a QR code on screen that a reader decodes to the area’s resident page at GRIDMAP_PUBLIC_URL', async () => {
    const first = page.locator('[data-testid="service-card"]').first();
    const areaId = await first.getAttribute('data-area');
    const png = await first.locator('[data-testid="card-qr"]').screenshot();
    expect(server.url).not.toContain('10.8.0.5');
    expect(await decodeQr(page, png)).toBe(`${PUBLIC_URL}/resident?area=${areaId}`);
  });

  it('prints one card to each A6 page', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.toolbar').isVisible()).toBe(false);
    const printed = page.locator('[data-testid="service-card"]').first();
    await printed.screenshot({ path: path.join(ARTIFACTS, 'card-print.png') });
    // The code as printed, not only as on screen, opens the configured public address.
    expect(await decodeQr(page, await printed.locator('[data-testid="card-qr"]').screenshot())).toBe(
      `${PUBLIC_URL}/resident?area=${await printed.getAttribute('data-area')}`,
    );
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
    // The English words are a chunk of their own, fetched on the switch.
    await expect.poll(() => page.locator('h1').textContent()).toBe('Who looks after my address?');
    await page.locator('[data-testid="locale-switch"]').click();
  });

  it('downloads no map library and under 100 kB of gzipped script: a phone on the QR code’s link fetches neither MapLibre nor deck.gl', async () => {
    const phone = await chromium.openPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    const bodies: Promise<string>[] = [];
    const gzipped: Promise<number>[] = [];
    phone.on('response', (r) => {
      if (r.request().resourceType() !== 'script') return;
      bodies.push(r.text());
      gzipped.push(r.body().then((b) => gzipSync(b, { level: 9 }).length));
    });
    const area = (await api<UnitCollection>('/api/layers/areas')).features[0]!;
    await phone.goto(`${server.url}/resident?area=${area.id}`);
    await phone.locator('[data-testid="resident-card"]').waitFor();
    const scripts = await Promise.all(bodies);
    expect(scripts.length).toBeGreaterThan(0);
    // A class name MapLibre sets on its container and deck.gl's own name: both in their code.
    expect(scripts.map((body) => /maplibregl-map|deck\.gl/.exec(body)?.[0]).filter(Boolean)).toEqual([]);
    const kB = scripts.reduce((sum, body) => sum + body.length, 0) / 1000;
    expect(kB).toBeLessThan(400);
    // What the phone's connection carries, gzip being how the server sends script: the words of
    // one language, no map, none of the staff's pages.
    const gzipKB = (await Promise.all(gzipped)).reduce((sum, n) => sum + n, 0) / 1000;
    expect(gzipKB).toBeLessThan(100);
    await phone.context().close();
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
