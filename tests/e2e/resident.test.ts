// The resident page on a phone (390 × 844) against the real server: an exact address shows one
// card, and only one; an address the look-up is not sure of says 请核对 and why; a building the
// estate does not have is said plainly with what the estate has, never answered with another
// building; nothing is wider than the phone's screen.
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

const EXACT = '长泾社区港洲新城3幢';
const EXACT_ADDRESS = '江苏省滨江市长泾镇长泾社区港洲新城3幢';
/** A sound-alike of 港洲新城 without its community: found, but to be checked. */
const SOUND_ALIKE = '港州新城三号楼';
const NO_SUCH_BUILDING = '港洲新城50幢';

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;

beforeAll(async () => {
  server = await serverUnderTest();
  chromium = await openBrowser();
  page = await chromium.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
});

async function search(q: string) {
  await page.goto(`${server.url}/resident`);
  await page.locator('[data-testid="resident-query"]').fill(q);
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="resident-card"], [data-testid="resident-empty"], [data-testid="resident-missing"]').first().waitFor();
}

/** Nothing sticks out sideways: a phone would have to scroll to read it. */
const widest = () => page.evaluate(() => document.documentElement.scrollWidth);

describe('the resident page on a phone', () => {
  it('shows one card after an exact hit, without 请核对', async () => {
    await search(EXACT);
    const cards = page.locator('[data-testid="resident-card"]');
    expect(await cards.count()).toBe(1);
    expect(await cards.getAttribute('data-check')).toBe('false');
    expect(await cards.locator('[data-testid="resident-address"]').allTextContents()).toEqual([EXACT_ADDRESS]);
    expect(await page.locator('[data-testid="resident-check"]').count()).toBe(0);
    expect(await widest()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'resident-exact-phone.png'), fullPage: true });
  });

  it('says 请核对 and why for an answer the look-up is not sure of, in either language', async () => {
    await search(SOUND_ALIKE);
    const first = page.locator('[data-testid="resident-card"]').first();
    expect(await first.getAttribute('data-check')).toBe('true');
    const check = first.locator('[data-testid="resident-check"]');
    expect(await check.textContent()).toContain('请核对');
    expect(await check.locator('[data-testid="resident-check-why"] li').count()).toBeGreaterThan(0);
    // One card an area: the same area found twice is one card.
    const areas = await page.locator('[data-testid="resident-card"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-area')));
    expect(new Set(areas).size).toBe(areas.length);
    expect(await widest()).toBeLessThanOrEqual(390);
    await page.screenshot({ path: path.join(ARTIFACTS, 'resident-check-phone.png'), fullPage: true });
    // The English words are a chunk of their own, fetched on the switch.
    await page.locator('[data-testid="locale-switch"]').click();
    await expect.poll(() => check.textContent()).toContain('Please check');
    await page.locator('[data-testid="locale-switch"]').click();
    await expect.poll(() => check.textContent()).toContain('请核对');
  });

  it('says plainly that the estate has no such building, and what it has, instead of answering building 1', async () => {
    await search(NO_SUCH_BUILDING);
    const text = (await page.locator('main').textContent())!;
    expect(text).toMatch(/没有找到 50幢；港洲新城有 1-\d+幢/);
    expect(await page.locator('[data-testid="resident-card"][data-check="false"]').count()).toBe(0);
    expect(await widest()).toBeLessThanOrEqual(390);
  });

  it('loaded nothing from outside the server and threw no errors', () => {
    expect(chromium.foreignRequests(new URL(server.url).origin)).toEqual([]);
    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
  });
});
