// An .xlsx sheet's rows counted as it inflates: the same count exceljs writes, the sheet found by
// name or as the first one shown, and counting that stops once past the limit.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { countSheetRows, sheetPath } from '../../server/analysis/onboarding/xlsx-rows';
import { manyRowsWorkbook } from '../support/bombs';

const MAX_BYTES = 64 * 1024 * 1024;

async function workbookOf(sheets: Array<{ name: string; rows: number; hidden?: boolean }>): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const sheet = workbook.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : {});
    for (let r = 1; r <= s.rows; r++) sheet.addRow([`幸福路${r}号`, r]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('counting a sheet’s rows', () => {
  it('counts what exceljs wrote, on the sheet named or else the first one shown', async () => {
    const bytes = await workbookOf([{ name: '代码表', rows: 7, hidden: true }, { name: '名单', rows: 30 }, { name: '备注 & 说明', rows: 3 }]);
    expect(countSheetRows(bytes, 1000, MAX_BYTES)).toBe(30);
    expect(countSheetRows(bytes, 1000, MAX_BYTES, '代码表')).toBe(7);
    expect(countSheetRows(bytes, 1000, MAX_BYTES, '备注 & 说明')).toBe(3);
    expect(sheetPath(bytes, MAX_BYTES, '没有这张表')).toBeUndefined();
  });

  it('stops just past the limit on a million rows', () => {
    const counted = countSheetRows(manyRowsWorkbook(1_000_000), 100_000, 256 * 1024 * 1024);
    expect(counted).toBeGreaterThan(100_000);
    expect(counted).toBeLessThan(1_000_000);
  }, 120_000);
});
