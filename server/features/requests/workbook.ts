// The leaders' request figures as an .xlsx: one sheet of the units (the total last, in bold)
// with shares as percentages and hours as numbers, and one of the late requests to chase.
// Chinese headings, as the dashboard's workbook; no personal data (there is none in the figures).
import ExcelJS from 'exceljs';
import { REQUEST_CATEGORY_NAMES } from '../../domain/request-categories';
import { ESCALATION_NAMES, REQUEST_STATUS_NAMES } from '../../domain/requests';
import type { FiguresAnswer, RequestFigures } from './types';

const LEVEL_ZH: Record<FiguresAnswer['level'], string> = { area: '片区', community: '社区', town: '镇（街道）' };
const SHARE = '0.0%';

type Figures = FiguresAnswer['total'];
const COLUMNS: Array<{ header: string; value: (f: Figures) => number | null; format?: string }> = [
  { header: '诉求数', value: (f) => f.requests },
  { header: '未办结', value: (f) => f.open },
  { header: '超期未办结', value: (f) => f.overdue },
  { header: '按时响应率', value: (f) => f.respondedOnTime, format: SHARE },
  { header: '按时办结率', value: (f) => f.closedOnTime, format: SHARE },
  { header: '办结用时中位数（小时）', value: (f) => (f.medianHoursToClose === null ? null : Math.round(f.medianHoursToClose * 10) / 10) },
  { header: '满意度（1–5）', value: (f) => (f.satisfaction === null ? null : Math.round(f.satisfaction * 100) / 100) },
  { header: '评价数', value: (f) => f.rated },
  { header: '楼栋数', value: (f) => f.buildings },
  { header: '近30天走访覆盖率', value: (f) => f.visited30, format: SHARE },
  { header: '近90天走访覆盖率', value: (f) => f.visited90, format: SHARE },
];

export async function figuresWorkbook(answer: FiguresAnswer, at: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = at;
  const level = LEVEL_ZH[answer.level];
  const units = workbook.addWorksheet(`分${level}`.replace(/[（）]/g, ''), { views: [{ state: 'frozen', xSplit: 2, ySplit: 1 }] });
  units.columns = [
    { header: level, width: 16 },
    { header: answer.level === 'town' ? '' : answer.level === 'area' ? '社区' : '镇（街道）', width: 14 },
    ...COLUMNS.map((c) => ({ header: c.header, width: Math.max(10, c.header.length * 2) })),
  ];
  const rowOf = (name: string, parent: string, f: Figures) => units.addRow([name, parent, ...COLUMNS.map((c) => c.value(f))]);
  answer.rows.forEach((r: RequestFigures) => rowOf(r.name, r.parent ?? '', r));
  rowOf('合计', '', answer.total).font = { bold: true };
  COLUMNS.forEach((c, i) => {
    if (c.format) units.getColumn(i + 3).numFmt = c.format;
  });
  units.addRow([]);
  units.addRow([`统计期间 ${answer.from} 至 ${answer.to}；导出时间 ${at.toLocaleString('zh-CN', { hour12: false })}`]);

  const late = workbook.addWorksheet('超期诉求', { views: [{ state: 'frozen', ySplit: 1 }] });
  late.columns = [
    { header: '编号', width: 12 },
    { header: '类别', width: 14 },
    { header: '状态', width: 16 },
    { header: '上报层级', width: 16 },
    { header: '片区', width: 14 },
    { header: '社区', width: 14 },
    { header: '镇（街道）', width: 12 },
    { header: '提交时间', width: 20 },
    { header: '应办结时间', width: 20 },
  ];
  const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false });
  for (const r of answer.overdue) {
    late.addRow([
      r.id, REQUEST_CATEGORY_NAMES[r.category].zh, REQUEST_STATUS_NAMES[r.status].zh, ESCALATION_NAMES[r.escalation].zh,
      r.area?.name ?? '', r.community?.name ?? '', r.town?.name ?? '', time(r.createdAt), time(r.closeBy),
    ]);
  }
  for (const sheet of [units, late]) sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** 社情民意统计-2026-11-25.xlsx, the date where the server is. */
export const figuresWorkbookName = (at: Date) => `社情民意统计-${at.toLocaleDateString('sv-SE')}.xlsx`;
