// The batch look-up in a real browser against the real server: a staff member logs in, opens the
// batch page, picks a real .xlsx through the file input, watches the progress finish, sees the
// rows to check listed, and downloads a result workbook that opens with the added columns; then
// drops a CSV on the drop zone and downloads its unmatched rows; a list with a row of each class
// is counted in three classes, each downloaded, and a corrected row matched again in place; a
// list of 姓名,电话 asks for its address column, picked by keyboard. Nothing leaves the origin; no CSP violation.
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
  // The list without an address column is asked about on purpose (400 batch_pick_column).
  chromium = await openBrowser({ expected: (status, pathname) => status === 400 && pathname === '/api/lookup/batch' });
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
    // Keyboard: Tab from the file input to the start button.
    await page.locator('[data-testid="batch-file"]').focus();
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('batch-start');
    await page.keyboard.press('Enter');

    await expect.poll(() => page.locator('[data-testid="batch-column-detected"]').textContent()).toBe('地址列：家庭住址');
    await expect.poll(() => page.locator('[data-testid="batch-progress-text"]').textContent(), { timeout: 60_000 }).toContain(`匹配完成 · 已处理 ${ROWS} / ${ROWS} 行`);
    expect(await page.locator('[data-testid="batch-progress"]').getAttribute('value')).toBe(String(ROWS));
    const matched = Number(await page.locator('[data-testid="batch-matched"]').textContent());
    const approximate = Number(await page.locator('[data-testid="batch-approximate"]').textContent());
    const unmatched = Number(await page.locator('[data-testid="batch-unmatched"]').textContent());
    expect(matched + approximate + unmatched).toBe(ROWS);
    const listed = await page.locator('[data-testid="batch-review-row"][data-class="unmatched"] [data-testid="batch-review-address"]').allTextContents();
    expect(listed).toEqual(expect.arrayContaining(GARBAGE));
    await chromium.shot('batch-done');

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="batch-download-result"]').click()]);
    expect(download.suggestedFilename()).toBe('居民名单-匹配结果.xlsx');
    const saved = path.join(tmp, 'result.xlsx');
    await download.saveAs(saved);
    const back = new ExcelJS.Workbook();
    await back.xlsx.readFile(saved);
    const sheet = back.getWorksheet('居民名单')!;
    expect(sheet.getRow(1).values).toEqual([undefined, '编号', '户主', '家庭住址', '社区', '片区', '片长', '电话', '匹配方式', '匹配度', '结果', '说明']);
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
    expect(await page.locator('[data-testid="batch-review-row"]').evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-row'), r.getAttribute('data-class')]))).toEqual([['3', 'unmatched']]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="batch-download-unmatched"]').click()]);
    expect(download.suggestedFilename()).toBe('dropped-未匹配.csv');
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toBe(`\uFEFF行号,name,address\r\n3,B,${GARBAGE[1]}\r\n`);

  });

  it('counts a list in three classes, downloads each, and matches a corrected row again in place', async () => {
    await page.locator('[data-testid="batch-again"]').click();
    const buildings = (await (await fetch(`${server.url}/api/layers/buildings`)).json()) as FeatureCollection;
    const [exact, fixed] = [buildings.features[0]!.properties!.address as string, buildings.features[5]!.properties!.address as string];
    const file = path.join(tmp, '三类.csv');
    fs.writeFileSync(file, `姓名,住址\r\n甲,${exact}\r\n乙,港州新城三号楼\r\n丙,${GARBAGE[0]}\r\n`);
    await page.locator('[data-testid="batch-file"]').setInputFiles(file);
    await page.locator('[data-testid="batch-start"]').click();
    await expect.poll(() => page.locator('[data-testid="batch-progress-text"]').textContent()).toContain('匹配完成');
    const counts = async () => Promise.all(['matched', 'approximate', 'unmatched'].map(async (c) => Number(await page.locator(`[data-testid="batch-${c}"]`).textContent())));
    expect(await counts()).toEqual([1, 1, 1]);
    const check = page.locator('[data-testid="batch-review-row"][data-class="approximate"]');
    expect(await check.locator('.badge').textContent()).toBe('请核对');
    expect(await check.locator('[data-testid="batch-review-why"]').count()).toBe(1);

    for (const [rowClass, label] of [['matched', '已匹配'], ['approximate', '请核对'], ['unmatched', '未找到']]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-testid="batch-download-${rowClass}-class"]`).click()]);
      expect(download.suggestedFilename()).toBe(`三类-${label}.csv`);
      const lines = fs.readFileSync(await download.path(), 'utf8').trim().split('\r\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(label);
    }

    // The not-found row corrected in its cell; Enter matches it again, and only it.
    const fix = page.locator('[data-testid="batch-review-row"][data-row="4"] [data-testid="batch-review-fix"]');
    await fix.fill(fixed);
    await fix.press('Enter');
    await expect.poll(counts).toEqual([2, 1, 0]);
    expect(await page.locator('[data-testid="batch-review-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')))).toEqual(['3']);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="batch-download-matched-class"]').click()]);
    expect(fs.readFileSync(await download.path(), 'utf8')).toContain(`4,丙,${fixed}`);
    await chromium.shot('batch-classes');
  });

  it('asks which column holds the addresses when none looks like it, and runs with the one picked by keyboard', async () => {
    await page.locator('[data-testid="batch-again"]').click();
    const file = path.join(tmp, '通讯录.csv');
    fs.writeFileSync(file, '姓名,电话\r\n张三,13800000000\r\n李四,13800000001\r\n');
    await page.locator('[data-testid="batch-file"]').setInputFiles(file);
    await page.locator('[data-testid="batch-start"]').click();
    await page.locator('[data-testid="batch-pick-column"]').waitFor();
    expect(await page.locator('[data-testid="batch-job"]').count()).toBe(0);
    expect(await page.locator('[data-testid="batch-column-option"]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual(['姓名', '电话']);
    expect(await page.locator('[data-testid="batch-start"]').isDisabled()).toBe(true);
    // The first header has the focus: an arrow picks the next, Enter runs.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.value)).toBe('姓名');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('[data-testid="batch-progress-text"]').textContent()).toContain('匹配完成 · 已处理 2 / 2 行');
    expect(await page.locator('[data-testid="batch-column-detected"]').textContent()).toBe('地址列：电话');
    expect(await page.locator('[data-testid="batch-column-by"]').textContent()).toBe('（您选择的）');
    expect(await page.locator('[data-testid="batch-unmatched"]').textContent()).toBe('2');

    expect(chromium.pageErrors).toEqual([]);
    expect(chromium.cspViolations).toEqual([]);
    expect(chromium.failedResponses).toEqual([]);
    expect(chromium.foreignRequests(new URL(server.url).origin)).toEqual([]);
  });
});
