// The batch look-up in a real browser against the real server: a staff member logs in, opens the
// batch page, picks a real .xlsx through the file input, watches the progress finish, sees the
// unmatched rows listed, and downloads a result workbook that opens with the added columns; then
// drops a CSV on the drop zone and downloads its unmatched rows. Nothing leaves the origin; no CSP violation.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../support/browser';
import { serverUnderTest } from '../support/server';

const GARBAGE = ['Lorem ipsum dolor sit amet', 'QQQQ-9999-ZZZZ'];
const ROWS = 2000;

let server: { url: string; stop(): Promise<void> };
let chromium: OpenBrowser;
let page: Page;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gridmap-e2e-batch-'));
  server = await serverUnderTest();
  chromium = await openBrowser();
  page = chromium.page;
});

afterAll(async () => {
  await chromium?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** A list of the city's own addresses (each building's once, then again) and two that match nothing. */
async function writeList(): Promise<{ file: string; addresses: string[] }> {
  const buildings = (await (await fetch(`${server.url}/api/layers/buildings`)).json()) as FeatureCollection;
  const all = buildings.features.map((f) => f.properties!.address as string);
  const addresses = Array.from({ length: ROWS - GARBAGE.length }, (_, i) => all[(i * 37) % all.length]!);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('居民名单');
  sheet.addRow(['编号', '户主', '家庭住址']);
  [...addresses.slice(0, 10), ...GARBAGE, ...addresses.slice(10)].forEach((a, i) => sheet.addRow([i + 1, `户主${i + 1}`, a]));
  const file = path.join(tmp, '居民名单.xlsx');
  await workbook.xlsx.writeFile(file);
  return { file, addresses };
}

describe('batch look-up in the browser', () => {
  it('uploads a workbook, shows the progress to the end and the unmatched rows, and downloads the result', async () => {
    const { file } = await writeList();
    await page.goto(`${server.url}/`);
    await page.locator('[data-testid="nav-login"]').click();
    await page.locator('[data-testid="login-username"]').fill('demo-staff');
    await page.locator('[data-testid="login-password"]').fill('gridmap-staff');
    await page.keyboard.press('Enter');
    await page.locator('[data-testid="nav-batch"]').click();
    await page.locator('[data-testid="batch-view"]').waitFor();
    expect(new URL(page.url()).pathname).toBe('/batch');

    await page.locator('[data-testid="batch-file"]').setInputFiles(file);
    await expect.poll(() => page.locator('[data-testid="batch-chosen"]').textContent()).toContain('居民名单.xlsx');
    // Keyboard: Tab from the file input through the column field to the start button.
    await page.locator('[data-testid="batch-file"]').focus();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('batch-start');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('[data-testid="batch-column-detected"]').textContent()).toBe('地址列：家庭住址');
    await expect.poll(() => page.locator('[data-testid="batch-progress-text"]').textContent(), { timeout: 60_000 }).toContain(`匹配完成 · 已处理 ${ROWS} / ${ROWS} 行`);
    expect(await page.locator('[data-testid="batch-progress"]').getAttribute('value')).toBe(String(ROWS));
    const matched = Number(await page.locator('[data-testid="batch-matched"]').textContent());
    const unmatched = Number(await page.locator('[data-testid="batch-unmatched"]').textContent());
    expect(matched + unmatched).toBe(ROWS);
    const listed = await page.locator('[data-testid="batch-unmatched-table"] tbody tr').allTextContents();
    expect(listed).toEqual(expect.arrayContaining([`12${GARBAGE[0]}`, `13${GARBAGE[1]}`]));
    await chromium.shot('batch-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="batch-download-result"]').click()]);
    expect(download.suggestedFilename()).toBe('居民名单-匹配结果.xlsx');
    const saved = path.join(tmp, 'result.xlsx');
    await download.saveAs(saved);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(saved);
    const sheet = back.getWorksheet('居民名单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '编号', '户主', '家庭住址', '社区', '片区', '片长', '电话', '匹配方式', '匹配度']);
    expect(sheet.rowCount).toBe(ROWS + 1);
    expect(sheet.getCell('H12').value).toBe('未匹配');
    expect(String(sheet.getCell('D2').value)).not.toBe('');
    expect(back.getWorksheet('未匹配')!.rowCount).toBe(unmatched + 1);

  });

  it('takes a CSV dropped on the drop zone and downloads its unmatched rows', async () => {
    await page.locator('[data-testid="batch-again"]').click();
    const addresses = (await (await fetch(`${server.url}/api/layers/buildings`)).json()) as FeatureCollection;
    const csv = `name,address\r\nA,${addresses.features[0]!.properties!.address}\r\nB,${GARBAGE[1]}\r\n`;
    const dataTransfer = await page.evaluateHandle((text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return transfer;
    }, csv);
    await page.dispatchEvent('[data-testid="batch-drop"]', 'drop', { dataTransfer });
    await expect.poll(() => page.locator('[data-testid="batch-chosen"]').textContent()).toContain('dropped.csv');
    await page.locator('[data-testid="batch-start"]').click();
    await expect.poll(() => page.locator('[data-testid="batch-progress-text"]').textContent()).toContain('匹配完成 · 已处理 2 / 2 行');
    expect(await page.locator('[data-testid="batch-column-detected"]').textContent()).toBe('地址列：address');
    expect(await page.locator('[data-testid="batch-unmatched-table"] tbody tr').allTextContents()).toEqual([`3${GARBAGE[1]}`]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="batch-download-unmatched"]').click()]);
    expect(download.suggestedFilename()).toBe('dropped-未匹配.csv');
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toBe(`\uFEFF行号,name,address\r\n3,B,${GARBAGE[1]}\r\n`);

    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
    expect(chromium.foreignRequests(new URL(server.url).origin)).toEqual([]);
  });
});
