// The dashboard as an .xlsx for officials: a city sheet (one indicator a row) and a per-town sheet
// (one town a row, the city's total last), Chinese headings, numbers as numbers and shares as
// numbers formatted as percentages. A share without a whole (no such communities) is left empty.
import ExcelJS from 'exceljs';
import { INDICATORS } from './columns';
import type { Dashboard } from './service';

export const CITY_SHEET = '全市';
export const TOWNS_SHEET = '分镇（街道）';
const TOWN_KIND: Record<string, string> = { town: '镇', street: '街道' };
const SHARE_FORMAT = '0.00%';

export async function dashboardWorkbook(dashboard: Dashboard, at: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = at;

  const city = workbook.addWorksheet(CITY_SHEET);
  city.columns = [
    { header: '指标', width: 30 },
    { header: '数值', width: 14 },
  ];
  for (const indicator of INDICATORS) {
    const row = city.addRow([indicator.heading, indicator.value(dashboard.city)]);
    if (indicator.share) row.getCell(2).numFmt = SHARE_FORMAT;
  }
  city.addRow(['镇（街道）数', dashboard.city.towns]);
  city.addRow([]);
  city.addRow(['统计时间', at.toLocaleString('zh-CN', { hour12: false })]);

  const towns = workbook.addWorksheet(TOWNS_SHEET, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  towns.columns = [
    { header: '镇（街道）', width: 12 },
    { header: '类型', width: 6 },
    ...INDICATORS.map((i) => ({ header: i.heading, width: Math.max(10, i.heading.length * 2) })),
  ];
  for (const town of [...dashboard.towns, { ...dashboard.city, name: '全市合计', kind: '' }]) {
    towns.addRow([town.name, TOWN_KIND[town.kind] ?? '', ...INDICATORS.map((i) => i.value(town))]);
  }
  INDICATORS.forEach((indicator, i) => {
    if (indicator.share) towns.getColumn(i + 3).numFmt = SHARE_FORMAT;
  });
  for (const sheet of [city, towns]) sheet.getRow(1).font = { bold: true };
  towns.lastRow!.font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 指标看板-2026-11-25.xlsx, the date where the server is. */
export const workbookName = (at: Date) => `指标看板-${at.toLocaleDateString('sv-SE')}.xlsx`;
