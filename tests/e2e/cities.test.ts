// A province-level user on a server that serves two cities (GRIDMAP_REGION=a:甲市,b:乙市): the
// header's city switch, each city with its own sign-in (signed in to 甲市, a stranger in 乙市, and
// still signed in on the way back), the new city's empty state, and a service card whose QR code
// names its city, so a phone that last saw the other city still opens the right card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { decodeQr } from '../support/qr';
import { startServer, type RunningServer } from '../support/server';
import { TEST_REGION } from '../support/test-database';
import type { UnitCollection } from '../../client/shared/api/types';

const CITY_B = 'test-city-b';

let server: RunningServer;
let chromium: OpenBrowser;
let page: Page;

const switchValue = () => page.locator('[data-testid="city-switch"]').inputValue();

beforeAll(async () => {
  // 乙市 starts empty, as a city does before its import.
  server = await startServer({ GRIDMAP_REGION: `${TEST_REGION}:甲市,${CITY_B}:乙市`, GRIDMAP_DEMO: '0' });
  chromium = await openBrowser();
  page = chromium.page;
}, 300_000);

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

describe('two cities in one page', () => {
  it('offers the switch with both cities named, the first chosen', async () => {
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="child-list"] button.child').first().waitFor({ timeout: 60_000 });
    expect(await switchValue()).toBe(TEST_REGION);
    expect(await page.locator('[data-testid="city-switch"] option').allTextContents()).toEqual([`甲市（${TEST_REGION}）`, `乙市（${CITY_B}）`]);
  });

  it('switches to the other city with its own sign-in, and back to the first still signed in', async () => {
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-admin');
    await page.locator('[data-testid="login-password"]').fill('gridmap-admin');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="session-user"]').waitFor();

    await page.locator('[data-testid="city-switch"]').selectOption(CITY_B);
    await page.waitForURL(`${server.url}/?city=${CITY_B}`);
    await page.locator('[data-testid="empty-city"]').waitFor({ timeout: 30_000 });
    expect(await switchValue()).toBe(CITY_B);
    await page.locator('[data-testid="nav-login"]').waitFor();
    expect(await page.locator('[data-testid="session-user"]').count()).toBe(0);
    await chromium.shot('cities-empty-second-city');

    await page.locator('[data-testid="city-switch"]').selectOption(TEST_REGION);
    await page.locator('[data-testid="child-list"] button.child').first().waitFor({ timeout: 60_000 });
    await page.locator('[data-testid="session-user"]').waitFor();
    expect(await switchValue()).toBe(TEST_REGION);
  });

  it("prints the city into a card's QR code, which opens that city's card whichever city the phone saw last", async () => {
    const areas = (await (await fetch(`${server.url}/api/layers/areas?limit=1`)).json()) as UnitCollection;
    const area = areas.features[0]!;
    const community = String(area.properties.communityId);
    await page.goto(`${server.url}/cards?community=${encodeURIComponent(community)}&area=${encodeURIComponent(String(area.id))}`);
    const qr = page.locator('[data-testid="card-qr"]').first();
    await expect.poll(() => qr.getAttribute('data-url'), { timeout: 30_000 }).toContain(`&city=${TEST_REGION}`);
    const link = (await decodeQr(page, await qr.screenshot()))!;
    expect(link).toBe(`${server.url}/resident?area=${encodeURIComponent(String(area.id))}&city=${TEST_REGION}`);

    await page.goto(`${server.url}/?city=${CITY_B}`);
    await page.locator('[data-testid="empty-city"]').waitFor({ timeout: 30_000 });
    await page.goto(link);
    await expect.poll(() => page.locator('[data-testid="resident-area"]').textContent(), { timeout: 30_000 }).toBe(area.properties.name);
  });
});
